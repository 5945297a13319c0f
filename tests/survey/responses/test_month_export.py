"""The month-level staff export: no day, no id, k-anonymous on site × month × channel ×
locale × topic (sdcMicro's rule, k = 10), with the codebook saying what was recoded."""

from __future__ import annotations

import csv
import random
import uuid
from collections import Counter
from datetime import date

import pandas as pd
import pyreadstat
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from survey.audit.models import AuditEvent
from survey.responses import anonymise
from survey.responses.anonymise import OTHER, Recoding, plan
from survey.responses.csvio import EXPORT_HEADER
from survey.responses.exporter import ExportFailed, Selection, export
from survey.responses.monthly import MONTH_HEADER

QI = ["site", "month", "channel", "locale", "topic"]

#: (site, day, channel, locale, topic, how many): the cells, with known anonymisation
CELLS = [
    ("WI", date(2016, 1, 4), "kiosk", "de", 1, 25),  # common: unchanged
    ("WI", date(2016, 1, 5), "kiosk", "ar", 1, 6),  # ar 6 + fa 5 → locale other, 11
    ("WI", date(2016, 1, 28), "kiosk", "fa", 1, 5),
    ("WI", date(2016, 1, 6), "online", "de", 2, 4),  # topic 2 (4) + topic 3 (7), both rare:
    ("WI", date(2016, 1, 7), "online", "de", 3, 7),  # locale other, then topic other, 11
    ("WI", date(2016, 2, 9), "paper", "ru", 4, 2),  # alone in its month: left out
    ("GI", date(2016, 1, 4), "kiosk", "de", 1, 12),  # another site: unchanged
]


@pytest.fixture
def rare(make_site, make_response):
    sites = {"WI": make_site("WI", "Wiesbaden"), "GI": make_site("GI", "Gießen")}
    rng = random.Random(7)
    for site, day, channel, locale, topic, n in CELLS:
        for k in range(n):
            make_response(
                sites[site],
                {"topic": (topic,), "overall": (rng.randint(1, 5),)},
                day=day.replace(day=day.day + k % 3),
                channel=channel,
                locale=locale,
                comment=f"Kommentar {site}{channel}{k}" if k % 4 == 0 else None,
            )
    return sites


def _read(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_month_file_is_k_anonymous_and_its_codebook_counts_the_recoding(engine, rare, tmp_path):
    out = tmp_path / "staff.csv"
    recoding = Recoding()
    written = export(engine, "csv", out, Selection(detail="month"), recoding)
    frame = pd.DataFrame(_read(out))
    assert tuple(frame.columns) == MONTH_HEADER
    assert not {"date", "response_id", "hour_band"} & set(frame.columns)
    # an independent count of every combination of quasi-identifiers (pandas)
    sizes = frame.groupby(QI).size()
    assert sizes.min() >= anonymise.K
    assert written == len(frame) == 25 + 11 + 11 + 12
    assert sizes.to_dict() == {
        ("GI", "2016-01", "kiosk", "de", "1"): 12,
        ("WI", "2016-01", "kiosk", "de", "1"): 25,
        ("WI", "2016-01", "kiosk", OTHER, "1"): 11,
        ("WI", "2016-01", "online", OTHER, OTHER): 11,
    }
    assert set(frame["month"]) == {"2016-01"}  # February's two responses are left out
    assert (recoding.selected, recoding.locale_recoded, recoding.topic_recoded) == (61, 22, 11)
    assert recoding.left_out == 2
    book = {(r["column"], r["label"]): r for r in _read(tmp_path / "staff.codebook.csv")}
    assert book[("locale", "Sprache zusammengefasst")]["values"] == "22"
    assert book[("topic", "Anliegen zusammengefasst")]["values"] == "11"
    left = book[("*", "Weggelassene Antworten")]
    assert left["values"] == "2" and "of 61 selected" in left["note"]
    assert book[("month", "Monat des Besuchs")]["kind"] == "month"
    # comments come only with rows of combinations of at least k, and never with a day
    assert frame.loc[frame["comment"] != "", QI].merge(sizes.reset_index())[0].min() >= 10


def test_month_file_order_reveals_neither_day_nor_storage_order(engine, rare, tmp_path):
    out = tmp_path / "staff.csv"
    export(engine, "csv", out, Selection(detail="month"))
    lines = _read(out)
    columns = ["channel", "locale", "topic", "questionnaire"]
    keys = [(r["site"], r["month"], *(r[c] for c in columns)) for r in lines]
    # grouped by site and month (the read order), then sorted by the contents only
    for site_month in {k[:2] for k in keys}:
        inside = [k[2:] for k in keys if k[:2] == site_month]
        assert inside == sorted(inside)
    for combination in set(keys):  # within a combination: by the answers
        overall = [r["overall"] for r, k in zip(lines, keys, strict=True) if k == combination]
        assert overall == sorted(overall) and len(set(overall)) > 1


def test_plan_on_random_counts_every_written_combination_holds_k(engine):
    rng = random.Random(3)
    for _ in range(200):
        counts = Counter()
        for _ in range(rng.randint(1, 40)):
            key = (
                "WI",
                f"2016-0{rng.randint(1, 3)}",
                rng.choice(["kiosk", "online"]),
                rng.choice(["de", "ar", "fa", "ti"]),
                rng.choice(["", "1", "2", "3"]),
            )
            counts[key] += rng.randint(1, 12)
        mapping = plan(counts)
        sizes = Counter()
        for key, target in mapping.items():
            if target is None:
                continue
            sizes[target] += counts[key]
            assert target[:3] == key[:3]
            assert target[3] in (key[3], OTHER) and target[4] in (key[4], OTHER)
            if counts[key] >= anonymise.K:
                assert target == key  # a combination that is large enough stays as it is
        assert not sizes or min(sizes.values()) >= anonymise.K
        left = sum(n for key, n in counts.items() if mapping[key] is None)
        assert left < sum(counts.values()) or sum(counts.values()) < anonymise.K * 4


def test_month_xlsx_and_sav_hold_the_same_anonymous_rows(engine, rare, tmp_path):
    export(engine, "csv", tmp_path / "m.csv", Selection(detail="month"))
    reference = pd.DataFrame(_read(tmp_path / "m.csv")).groupby(QI).size().to_dict()
    assert export(engine, "xlsx", tmp_path / "m.xlsx", Selection(detail="month")) == 59
    book = load_workbook(tmp_path / "m.xlsx", read_only=True)
    sheet = list(book["responses"].iter_rows(values_only=True))
    assert sheet[0] == MONTH_HEADER
    got = Counter(
        (*(str(cell) for cell in line[:3]), str(line[3]), str(line[5])) for line in sheet[1:]
    )
    assert dict(got) == reference
    codebook = book["codebook"].iter_rows(values_only=True)
    notes = [line for line in codebook if line[2] == "anonymisation"]
    assert len(notes) == 4
    book.close()
    assert export(engine, "sav", tmp_path / "m.sav", Selection(detail="month")) == 59
    frame, meta = pyreadstat.read_sav(str(tmp_path / "m.sav"))
    assert "date" not in frame.columns and "response_id" not in frame.columns
    assert meta.variable_value_labels["topic"][99.0].startswith("other")
    topics = frame["topic"].map(lambda v: OTHER if v == 99 else str(int(v)))
    sav = Counter(
        zip(frame["site"], frame["month"], frame["channel"], frame["locale"], topics, strict=True)
    )
    assert dict(sav) == reference


def test_cli_day_export_records_its_purpose_in_the_audit_log(runner, engine, rare, tmp_path):
    out = tmp_path / "days.csv"
    bare = runner.invoke(args=["responses", "export", "--format", "csv", "--out", str(out)])
    assert bare.exit_code == 0 and "without --purpose" in bare.output  # GUIDE.md's command
    out.unlink()
    days = runner.invoke(
        args=[
            "responses",
            "export",
            "--format",
            "csv",
            "--out",
            str(out),
            "--purpose",
            "  Evaluation  report 2016 ",
        ]
    )
    assert days.exit_code == 0, days.output
    assert tuple(_read(out)[0]) == EXPORT_HEADER and len(_read(out)) == 61
    month = tmp_path / "month.csv"
    staff = runner.invoke(
        args=[
            "responses",
            "export",
            "--format",
            "csv",
            "--out",
            str(month),
            "--detail",
            "month",
            "--site",
            "WI",
        ]
    )
    assert staff.exit_code == 0, staff.output
    assert "2 of 49 responses left out" in staff.output
    with engine.connect() as conn:
        query = select(AuditEvent.action, AuditEvent.details).order_by(AuditEvent.id)
        events = conn.execute(query).all()
    assert [e.action for e in events] == ["export.write"] * 3
    assert events[0].details["purpose"] == "none given (command line)"
    assert events[1].details["purpose"] == "Evaluation report 2016"
    assert events[1].details["detail"] == "day" and events[1].details["rows"] == 61
    assert events[2].details["detail"] == "month" and "purpose" not in events[2].details
    assert events[2].details["left_out"] == 2
    too_long = runner.invoke(
        args=["responses", "export", "--format", "csv", "--out", str(out), "--purpose", "x" * 201]
    )
    assert too_long.exit_code == 2 and "longer than 200" in too_long.output


def test_a_response_with_no_plan_is_left_out(engine, rare, tmp_path):
    """A response stored between counting and writing has no planned combination."""
    from survey.responses import monthly

    stream = [  # one row of a combination the plan never saw
        monthly.csvio.Row(
            uuid.uuid4(), "WI", date(2016, 3, 1), "kiosk", "de", "core@1", {"topic": (1,)}, None
        ),
    ]
    recoding = Recoding()
    assert list(monthly.anonymised(iter(stream), {}, recoding)) == []
    assert (recoding.selected, recoding.left_out) == (1, 1)


def test_month_file_covers_whole_closed_months_only(engine, rare, tmp_path):
    """One day asked for gives its whole month; the running month is never in a file
    (made again tomorrow, it would show which responses came in today)."""
    out = tmp_path / "m.csv"
    one_day = Selection(start=date(2016, 1, 5), end=date(2016, 1, 5), detail="month")
    recoding = Recoding()
    assert export(engine, "csv", out, one_day, recoding, today=date(2026, 1, 1)) == 59
    assert recoding.selected == 59  # all of January, not the responses of 5 January
    running = Selection(start=date(2016, 1, 1), detail="month")
    with pytest.raises(ExportFailed, match="closed calendar months only; 2016-01"):
        export(engine, "csv", out, running, today=date(2016, 1, 20))
    recoding = Recoding()
    assert export(engine, "csv", out, running, recoding, today=date(2016, 2, 10)) == 59
    assert (recoding.selected, recoding.left_out) == (59, 0)  # February is still running
    assert {line["month"] for line in _read(out)} == {"2016-01"}
