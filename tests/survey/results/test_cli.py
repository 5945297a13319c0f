from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest


@pytest.fixture
def two_sites(make_site, make_response):
    a, b = make_site("WI", "Wiesbaden"), make_site("GI", "Gießen")
    for k in range(40):
        make_response(a, {"overall": (1 + k % 5,), "referral": (1 + k % 4,)}, day=date(2016, 3, 2))
        make_response(b, {"overall": (2 + k % 4,)}, day=date(2016, 4, 2), channel="kiosk")
        make_response(a, {"overall": (3 + k % 3,)}, day=date(2017, 2, 1))
        make_response(b, {"overall": (4 + k % 2,)}, day=date(2017, 2, 1), channel="kiosk")


def test_summary_json(runner, two_sites):
    result = runner.invoke(
        args=["analysis", "summary", "--format", "json", "--by", "quarter", "--site", "wi"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["questionnaire", "level", "min_n", "rows"]
    assert (data["questionnaire"], data["level"], data["min_n"]) == ("core@1", 0.95, 10)
    row = next(
        r
        for r in data["rows"]
        if (r["site"], r["period"], r["item"]) == ("WI", "2016-Q1", "overall")
    )
    assert row["n"] == 40 and row["mean"] == 3.0 and row["top2"] == 0.4
    assert row["dist"] == {"1": 8, "2": 8, "3": 8, "4": 8, "5": 8}
    assert {r["site"] for r in data["rows"]} == {"WI", "ALL"}
    assert {r["period"] for r in data["rows"]} == {"2016-Q1", "2016-Q2", "2017-Q1"}


def test_summary_csv_filters(runner, two_sites):
    result = runner.invoke(
        args=[
            "analysis", "summary", "--format", "csv", "--by", "all", "--channel", "kiosk",
            "--from", "2016-01-01", "--to", "2016-12-31",
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    overall = {r["site"]: r for r in rows if r["item"] == "overall"}
    assert set(overall) == {"GI", "ALL"}
    assert overall["GI"]["n"] == "40" and overall["GI"]["period"] == "all"
    assert json.loads(overall["GI"]["dist"]) == {"1": 0, "2": 10, "3": 10, "4": 10, "5": 10}
    assert overall["GI"]["suppressed"] == "false"


def test_compare_json_and_csv(runner, two_sites):
    args = ["analysis", "compare", "--a", "2016-01-01:2016-12-31", "--b", "2017-01-01:2017-12-31"]
    result = runner.invoke(args=[*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["a"] == {"from": "2016-01-01", "to": "2016-12-31"}
    wi = next(
        r
        for r in data["rows"]
        if r["site"] == "WI" and r["item"] == "overall" and r["metric"] == "top2"
    )
    assert (wi["n_a"], wi["n_b"], wi["a"], wi["b"]) == (
        40,
        40,
        0.4,
        0.65,  # 3, 4, 5 in turn: 26 of 40 are 4 or 5
    )
    assert wi["p"] <= wi["p_adj"] <= 1
    assert data["warnings"] == []
    as_csv = runner.invoke(args=[*args, "--format", "csv", "--site", "GI"])
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert {r["site"] for r in rows} == {"GI", "ALL"}
    assert {r["metric"] for r in rows} == {"top2", "mean"}


def test_headline(runner, two_sites):
    result = runner.invoke(args=["analysis", "headline", "--by", "year", "--site", "WI"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    gap = {r["site"]: r for r in rows if r["period"] == "2016" and r["indicator"] == "referral_gap"}
    assert gap["ALL"]["n"] == 40 and gap["ALL"]["share"] == 0.25
    # GI gave no referral answers (n = 0 < 10), so WI is hidden with it
    assert gap["WI"]["suppressed"] and gap["WI"]["n"] is None and gap["WI"]["share"] is None
    csat = next(r for r in rows if r["site"] == "WI" and r["indicator"] == "csat")
    assert csat["n"] == 40 and csat["share"] == 0.4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summary", "--site", "XX"], "unknown site XX"),
        (
            [
                "compare",
                "--a",
                "2016-01-01:2016-12-31",
                "--b",
                "2017-01-01:2017-12-31",
                "--site",
                "XX",
            ],
            "unknown site XX",
        ),
        (["compare", "--a", "2016-01-01", "--b", "2017-01-01:2017-12-31"], "FROM:TO"),
        (
            ["compare", "--a", "2016-12-01:2016-01-01", "--b", "2017-01-01:2017-12-31"],
            "ends before",
        ),
        (["summary", "--by", "week"], "week"),
        (["summary", "--from", "2016-02-01", "--to", "2016-01-01"], "start date lies after"),
        (["summary", "--questionnaire", "core@7"], "unknown questionnaire"),
    ],
)
def test_errors_exit_non_zero(runner, two_sites, args, message):
    result = runner.invoke(args=["analysis", *args])
    assert result.exit_code != 0
    assert message in result.output


def test_trend_and_drivers(runner, make_site, make_response):
    site = make_site("WI")
    for k in range(150):
        score = 1 + k % 5
        answers = {
            c: (1 + (k + j) % 5,) for j, c in enumerate(("appointment", "waiting", "fair"), 1)
        }
        answers.update({"friendly": (score,), "understood": (score,), "trust": (6 - score,)})
        make_response(site, {**answers, "overall": (score,)}, day=date(2016, 1 + k % 3, 4))
    trend = runner.invoke(args=["analysis", "trend", "--format", "csv", "--site", "WI"])
    assert trend.exit_code == 0, trend.output
    rows = list(csv.DictReader(io.StringIO(trend.output)))
    assert [(r["site"], r["period"], r["n"]) for r in rows if r["site"] == "WI"] == [
        ("WI", "2016-01", "50"),
        ("WI", "2016-02", "50"),
        ("WI", "2016-03", "50"),
    ]
    found = runner.invoke(args=["analysis", "drivers", "--bootstrap", "20"])
    assert found.exit_code == 0, found.output
    data = json.loads(found.output)
    assert (data["population"], data["sample"], data["bootstrap"]) == (150, 150, 20)
    assert data["r2"] == pytest.approx(1.0)  # overall equals friendly and understood
    assert {d["item"] for d in data["drivers"][:3]} == {"friendly", "understood", "trust"}
    few = runner.invoke(args=["analysis", "drivers", "--from", "2016-03-01"])
    assert few.exit_code == 1 and "at least 100" in few.output


def test_versus_and_sites(runner, two_sites):
    versus = runner.invoke(
        args=["analysis", "versus", "--period", "2016-01-01:2016-12-31", "--format", "csv"]
    )
    assert versus.exit_code == 0, versus.output
    rows = list(csv.DictReader(io.StringIO(versus.output)))
    assert list(rows[0])[-3:] == ["suppressed", "p_bh", "note"]  # note: appended
    wi = next(r for r in rows if r["site"] == "WI" and r["metric"] == "top2")
    assert (wi["n_b"], wi["n_a"], wi["b"], wi["a"]) == ("40", "40", "0.4", "0.5")
    sites = runner.invoke(
        args=["analysis", "sites", "--item", "overall", "--period", "2016-01-01:2016-12-31"]
    )
    assert sites.exit_code == 0, sites.output
    data = json.loads(sites.output)
    assert data["sites"] == ["GI", "WI"] and data["method"] == "chi2" and data["df"] == 4
    unknown = runner.invoke(
        args=["analysis", "sites", "--item", "nope", "--period", "2016-01-01:2016-12-31"]
    )
    assert unknown.exit_code == 1 and "unknown item" in unknown.output
