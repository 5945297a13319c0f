from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

import pytest

from analysis.cells import ALL
from analysis.output import to_csv, to_json
from analysis.reports.site import LOCALES
from analysis.source import SourceError
from analysis.summary import SummaryRow, summarize, summarize_groups

from .disclosure import derivable
from .reference import period, raw_answers, scale_figures

SCALES = ("overall", "appointment", "waiting", "friendly", "understood", "fair", "trust")
KEYS = [
    "site",
    "period",
    "item",
    "n",
    "suppressed",
    "limited",
    "mean",
    "mean_low",
    "mean_high",
    "top2",
    "top2_low",
    "top2_high",
    "dist",
]


def as_json(summary) -> dict:
    return json.loads(to_json(summary))


@pytest.mark.parametrize("by", ["quarter", "year"])
def test_every_figure_matches_the_raw_answers(engine, demo, by):
    data = as_json(summarize(engine, by=by, start=date(2014, 1, 1), end=date(2016, 12, 31)))
    with engine.connect() as conn:
        raw = raw_answers(conn)
    groups: dict = defaultdict(lambda: defaultdict(list))
    for r in raw.values():
        if not date(2014, 1, 1) <= r["day"] <= date(2016, 12, 31):
            continue
        for site in (r["site"], ALL):
            for code, values in r["answers"].items():
                groups[(site, period(r["day"], by), code)]["values"].extend(values)
                groups[(site, period(r["day"], by), code)]["respondents"].append(1)
    assert data["questionnaire"] == "core@1" and data["level"] == 0.95 and data["min_n"] == 10
    checked = 0
    for row in data["rows"]:
        assert list(row) == KEYS
        group = groups[(row["site"], row["period"], row["item"])]
        valid = [v for v in group["values"] if v != 0]
        n = len(group["respondents"]) if row["item"] == "improve" else len(valid)
        if row["suppressed"]:
            assert row["n"] in ("<10", None)
            assert row["n"] != "<10" or n < 10
            assert all(row[k] is None for k in KEYS[6:])
            continue
        assert row["n"] == n >= 10
        assert row["limited"] == (n < 30)
        counts = {str(v): valid.count(v) for v in sorted(set(valid))}
        assert {k: c for k, c in row["dist"].items() if c} == counts
        if row["item"] in SCALES:
            ref = scale_figures(valid)
            for key in KEYS[6:12]:
                assert row[key] == pytest.approx(ref[key], rel=1e-5), key
            checked += 1
        else:
            assert row["mean"] is None and row["top2"] is None
    assert checked > 100
    periods = {r["period"] for r in data["rows"]}
    assert periods == (
        {"2014", "2015", "2016"}
        if by == "year"
        else {f"{y}-Q{q}" for y in (2014, 2015, 2016) for q in range(1, 5)}
    )


def test_suppressed_cells_cannot_be_derived(engine, demo):
    data = as_json(summarize(engine, by="month"))
    tables: dict = defaultdict(dict)
    for row in data["rows"]:
        tables[(row["period"], row["item"])][row["site"]] = row
    hidden_somewhere = 0
    for table in tables.values():
        total = table.pop(ALL)
        hidden = [row["suppressed"] for row in table.values()]
        hidden_somewhere += sum(hidden)
        assert not any(derivable(hidden, total["suppressed"]))
        if not total["suppressed"]:
            shown = [row for row in table.values() if not row["suppressed"]]
            assert sum(r["n"] for r in shown) <= total["n"]
    assert hidden_somewhere > 0  # Deggendorf's small months


def test_small_site_suppressed_with_complement(engine, make_site, make_response):
    big, mid, small = make_site("A"), make_site("B"), make_site("C")
    for site, count in ((big, 40), (mid, 12), (small, 4)):
        for k in range(count):
            make_response(site, {"overall": (k % 5 + 1,), "improve": (1, 3)})
    data = as_json(summarize(engine, by="all"))
    rows = {(r["site"], r["item"]): r for r in data["rows"]}
    assert rows[("C", "overall")]["n"] == "<10" and rows[("C", "overall")]["suppressed"]
    assert rows[("B", "overall")]["n"] is None and rows[("B", "overall")]["suppressed"]
    assert rows[("B", "overall")]["dist"] is None
    assert rows[("A", "overall")]["n"] == 40 and not rows[("A", "overall")]["limited"]
    network = rows[(ALL, "overall")]
    assert network["n"] == 56 and network["period"] == "all"
    assert network["dist"] == {"1": 12, "2": 12, "3": 11, "4": 11, "5": 10}
    improve = rows[("A", "improve")]
    assert improve["n"] == 40 and improve["mean"] is None
    assert improve["dist"] == {"1": 40, "2": 0, "3": 40, "4": 0, "5": 0, "6": 0, "7": 0, "8": 0}
    # a site without any answer for an item still has its cell (n = 0, suppressed)
    assert rows[("A", "trust")]["n"] == "<10"


def test_not_applicable_is_never_a_score(engine, make_site, make_response):
    site = make_site("A")
    for k in range(20):
        make_response(site, {"appointment": (0,) if k < 8 else (5 - k % 2,)})
    rows = {r["item"]: r for r in as_json(summarize(engine, by="all"))["rows"] if r["site"] == "A"}
    assert rows["appointment"]["n"] == 12
    assert rows["appointment"]["mean"] == pytest.approx(4.5)
    assert rows["appointment"]["limited"]


def test_filters_channel_dates_and_sites(engine, make_site, make_response):
    a, b = make_site("A"), make_site("B")
    for k in range(30):
        make_response(a, channel="kiosk", day=date(2016, 1, 5 + k % 20))
        make_response(a, channel="online", day=date(2016, 4, 1))
        make_response(b, channel="kiosk", day=date(2016, 2, 1), answers={"overall": (5,)})
    rows = as_json(summarize(engine, by="month", channel="kiosk"))["rows"]
    overall = {(r["site"], r["period"]): r["n"] for r in rows if r["item"] == "overall"}
    assert overall == {
        ("A", "2016-01"): 30,
        ("B", "2016-02"): 30,
        (ALL, "2016-01"): 30,
        (ALL, "2016-02"): 30,
    }
    ranged = summarize(engine, by="quarter", start=date(2016, 2, 1), end=date(2016, 3, 31))
    assert {(r.site, r.period, r.n) for r in ranged.rows if r.item == "overall"} == {
        ("B", "2016-Q1", 30),
        (ALL, "2016-Q1", 30),
    }
    only_b = summarize(engine, by="all", sites=["b"])
    assert {r.site for r in only_b.rows} == {"B", ALL}
    assert next(r for r in only_b.rows if r.site == ALL and r.item == "overall").n == 90
    with pytest.raises(SourceError, match="unknown site XX"):
        summarize(engine, sites=["XX"])
    with pytest.raises(SourceError, match="unknown questionnaire"):
        summarize(engine, questionnaire="core@9")
    with pytest.raises(SourceError, match="unknown period"):
        summarize(engine, by="week")


def test_csv_has_one_line_per_row_and_the_same_fields(engine, make_site, make_response):
    site = make_site("A")
    for k in range(12):
        make_response(site, {"overall": (k % 5 + 1,)})
    summary = summarize(engine, by="all")
    lines = to_csv(summary.rows, SummaryRow).splitlines()
    assert lines[0].split(",") == KEYS
    assert len(lines) == len(summary.rows) + 1
    overall = next(line for line in lines if line.startswith("A,all,overall,"))
    assert ',"{""1"":3,""2"":3,""3"":2,""4"":2,""5"":2}"' in overall
    assert ",false,true," in overall


def test_breakdown_by_locale_and_topic(engine, make_site, make_response):
    site = make_site("A")
    for k in range(36):
        make_response(
            site,
            {"overall": (1 + k % 5,), "topic": (1 + k % 2,)},
            locale="ar" if k < 24 else "de",
            day=date(2016, 3, 1 + k % 28),
        )
    make_response(site, {"overall": (5,)}, locale="ar", day=date(2016, 4, 1))  # no topic
    arabic = summarize(engine, by="month", locale="ar")
    overall = {(r.site, r.period): r.n for r in arabic.rows if r.item == "overall"}
    assert overall == {
        ("A", "2016-03"): 24,
        ("A", "2016-04"): "<10",
        (ALL, "2016-03"): 24,
        (ALL, "2016-04"): "<10",
    }
    both = summarize(
        engine, by="all", locale="ar", topic=2, start=date(2016, 3, 1), end=date(2016, 3, 31)
    )
    # 12 in Arabic and 6 in German on topic 2: the Arabic cell is hidden with the
    # German one, or the topic-2 total would give the German one back
    assert next(r for r in both.rows if r.site == "A" and r.item == "overall").n is None
    german = summarize(
        engine, by="all", locale="de", topic=2, start=date(2016, 3, 1), end=date(2016, 3, 31)
    )
    assert next(r for r in german.rows if r.site == "A" and r.item == "overall").n == "<10"
    no_topic = summarize(engine, by="all", topic=0)
    assert next(r for r in no_topic.rows if r.site == ALL and r.item == "overall").n == "<10"
    with pytest.raises(SourceError, match="per month"):
        summarize(engine, locale="ar", start=date(2016, 3, 2))
    with pytest.raises(SourceError, match="per month"):
        summarize(engine, topic=1, end=date(2016, 3, 30))


@pytest.mark.parametrize(
    ("group", "values", "args"),
    [
        ("channel", ("kiosk", "online", "paper"), {"by": "year"}),
        ("locale", (*LOCALES, "xx"), {"by": "all", "channel": "kiosk"}),
        ("topic", (0, 1, 2, 3, 4, 5, 9), {"by": "quarter", "sites": ["MKK", "BIB"]}),
    ],
)
def test_one_grouped_query_equals_a_summary_per_value(engine, demo, group, values, args):
    span = {"start": date(2015, 1, 1), "end": date(2016, 12, 31), **args}
    grouped = summarize_groups(engine, group, **span)
    assert set(grouped) <= set(values) and len(grouped) >= 3
    for value in values:
        one = summarize(engine, **{**span, group: value})
        if value in grouped:
            assert grouped[value] == one
        else:
            assert one.rows == []
    assert any(r.suppressed for s in grouped.values() for r in s.rows)


def test_grouped_by_locale_or_topic_needs_whole_months(engine):
    for group in ("locale", "topic"):
        with pytest.raises(SourceError, match="per month"):
            summarize_groups(engine, group, start=date(2016, 3, 2))
    with pytest.raises(SourceError, match="unknown breakdown"):
        summarize_groups(engine, "site")
    assert summarize_groups(engine, "channel", start=date(2016, 3, 2)) == {}


def test_empty_database(engine):
    summary = summarize(engine, by="year")
    assert summary.rows == []
    assert to_csv(summary.rows, SummaryRow) == ",".join(KEYS) + "\n"
