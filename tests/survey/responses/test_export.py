"""Exports: CSV (import schema + codebook), XLSX and SPSS; round trips; formula injection."""

from __future__ import annotations

import csv
import uuid
from datetime import date

import pyreadstat
import pytest
from openpyxl import load_workbook

from survey.responses.csvio import EXPORT_HEADER, HEADER, ITEM_COLUMNS
from survey.responses.exporter import ExportFailed, Selection, export
from survey.responses.importer import import_csv
from survey.responses.models import NOT_APPLICABLE

from .checks import assert_tallies_match_recount
from .csvfiles import stored, tally_snapshot, wipe_responses

ARABIC = "الموظفون كانوا لطفاء جدا، لكن الانتظار طويل"
TIGRINYA = "ሰራሕተኛታት ጽቡቓት እዮም። ነዊሕ ግዜ ተጸቢና።"
FORMULAS = ('=HYPERLINK("http://x")', "+1+1", "-zu lange", "@SUM(A1)", "'=schon markiert")


@pytest.fixture
def sample(make_site, make_response):
    """Responses of two sites with every kind of answer; returns the sites."""
    wi, gi = make_site("WI", "Wiesbaden"), make_site("GI", "Gießen")
    answers = [
        {"topic": (1,), "overall": (5,), "appointment": (NOT_APPLICABLE,), "improve": (1, 5)},
        {"overall": (2,), "resolved": (3,), "visits": (3,), "referral": (4,), "trust": (1,)},
        {},
        {"topic": (4,), "improve": (8,), "communication": (2,), "waiting": (1,)},
    ]
    comments = [ARABIC, TIGRINYA, *FORMULAS, None, "Привет, всё хорошо"]
    for i in range(24):
        make_response(
            (wi, gi)[i % 2],
            answers[i % len(answers)],
            id=uuid.UUID(int=i + 1),
            day=date(2016, 1 + i % 6, 1 + i),
            channel=("kiosk", "online", "paper")[i % 3],
            locale=("ar", "ti", "de", "fa-AF", "ru")[i % 5],
            comment=comments[i % len(comments)],
        )
    make_response(wi, {"overall": (1,)}, channel="kiosk", flagged=True)  # never exported
    return wi, gi


def _unflagged(conn):
    return {k: v for k, v in stored(conn).items() if k.int <= 24}


def test_csv_round_trip_gives_identical_responses_and_tallies(engine, sample, tmp_path):
    out = tmp_path / "responses.csv"
    assert export(engine, "csv", out, Selection()) == 24
    with engine.begin() as conn:
        before, tallies_before = _unflagged(conn), tally_snapshot(conn)
        wipe_responses(conn)
    result = import_csv(engine, out)
    assert (result.imported, result.bad) == (24, 0)
    with engine.connect() as conn:
        assert stored(conn) == before
        assert tally_snapshot(conn) == tallies_before
        assert_tallies_match_recount(conn)
    assert import_csv(engine, out).imported == 0  # the same file again stores nothing


def test_csv_is_the_import_schema_and_neutralises_formulas(engine, sample, tmp_path):
    out = tmp_path / "responses.csv"
    export(engine, "csv", out, Selection())
    with out.open(encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh))
    assert tuple(lines[0]) == EXPORT_HEADER
    comments = {line[HEADER.index("comment")] for line in lines[1:]}
    assert {ARABIC, TIGRINYA, "'=HYPERLINK(\"http://x\")", "'+1+1", "'-zu lange", "'@SUM(A1)",
            "''=schon markiert"} <= comments  # fmt: skip
    first = next(line for line in lines if line[0] == str(uuid.UUID(int=1)))
    assert first[HEADER.index("appointment")] == "na"
    assert first[HEADER.index("improve")] == "1;5"
    assert first[HEADER.index("overall")] == "5"
    assert all(not line[HEADER.index(c)].startswith(("=", "+", "-", "@"))
               for line in lines[1:] for c in HEADER)  # fmt: skip


def test_csv_codebook_beside_the_file(engine, sample, tmp_path):
    export(engine, "csv", tmp_path / "responses.csv", Selection())
    with (tmp_path / "responses.codebook.csv").open(encoding="utf-8", newline="") as fh:
        book = {line["column"]: line for line in csv.DictReader(fh)}
    assert tuple(book) == EXPORT_HEADER
    assert book["overall"]["label"] == "Wie zufrieden sind Sie insgesamt mit Ihrem Besuch heute?"
    assert book["overall"]["values"].startswith("1=sehr unzufrieden | 2=eher unzufrieden")
    assert book["appointment"]["values"].endswith("5=stimme voll zu | na=nicht zutreffend")
    assert "8=Bearbeitungsdauer" in book["improve"]["values"]


def test_selection_by_site_and_dates(engine, sample, tmp_path):
    out = tmp_path / "some.csv"
    count = export(
        engine, "csv", out, Selection(sites=("gi",), start=date(2016, 2, 1), end=date(2016, 4, 30))
    )
    with out.open(encoding="utf-8", newline="") as fh:
        lines = list(csv.DictReader(fh))
    assert count == len(lines) > 0
    assert {line["site"] for line in lines} == {"GI"}
    assert all("2016-02-01" <= line["date"] <= "2016-04-30" for line in lines)
    with engine.connect() as conn:
        expected = [v for v in _unflagged(conn).values()
                    if v[0] == "GI" and date(2016, 2, 1) <= v[1] <= date(2016, 4, 30)]  # fmt: skip
    assert count == len(expected)


def test_failed_export_writes_nothing(engine, sample, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportFailed, match="unknown site XX"):
        export(engine, "csv", folder / "x.csv", Selection(sites=("WI", "XX")))
    with pytest.raises(ExportFailed, match="unknown format"):
        export(engine, "pdf", folder / "x.pdf", Selection())
    assert list(folder.iterdir()) == []


def test_xlsx_round_trip_with_codebook_sheet(engine, sample, tmp_path):
    out = tmp_path / "responses.xlsx"
    assert export(engine, "xlsx", out, Selection()) == 24
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["responses", "codebook"]
    sheet = list(book["responses"].iter_rows(values_only=True))
    assert sheet[0] == EXPORT_HEADER
    # read-only mode drops empty cells at the end of a row
    padded = [line + (None,) * (len(EXPORT_HEADER) - len(line)) for line in sheet[1:]]
    by_id = {line[0]: dict(zip(EXPORT_HEADER, line, strict=True)) for line in padded}
    with engine.connect() as conn:
        original = _unflagged(conn)
    assert set(by_id) == {str(k) for k in original}
    for rid, (site, day, channel, locale, answers, comment) in original.items():
        line = by_id[str(rid)]
        assert (line["site"], line["date"].date(), line["channel"], line["locale"]) == (
            site, day, channel, locale)  # fmt: skip
        for code in ITEM_COLUMNS[:-1]:
            values = answers.get(code, ())
            want = None if not values else values[0] if values[0] and len(values) == 1 else (
                ";".join("na" if v == NOT_APPLICABLE else str(v) for v in values))  # fmt: skip
            assert line[code] == want, (rid, code)
        shown = line["comment"]
        assert (shown[1:] if comment and comment.startswith(("=", "+", "-", "@", "'=")) else shown
                ) == comment  # fmt: skip
    codebook = list(book["codebook"].iter_rows(values_only=True))
    assert codebook[HEADER.index("trust") + 1][:2] == ("core@1", "trust")
    book.close()


def test_xlsx_has_no_formula_cells(engine, sample, tmp_path):
    out = tmp_path / "responses.xlsx"
    export(engine, "xlsx", out, Selection())
    sheet = load_workbook(out)["responses"]
    types = {cell.data_type for line in sheet.iter_rows() for cell in line}
    assert "f" not in types
    assert '\'=HYPERLINK("http://x")' in {c.value for c in sheet["T"]}


def test_sav_round_trip_with_labels(engine, sample, tmp_path):
    out = tmp_path / "responses.sav"
    assert export(engine, "sav", out, Selection()) == 24
    frame, meta = pyreadstat.read_sav(str(out), user_missing=True)
    with engine.connect() as conn:
        original = _unflagged(conn)
    assert len(frame) == len(original)
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["overall"] == "Wie zufrieden sind Sie insgesamt mit Ihrem Besuch heute?"
    assert labels["improve_5"].endswith(": Sprachhilfe/Dolmetschen")
    assert meta.variable_value_labels["overall"][5.0] == "sehr zufrieden"
    assert meta.variable_value_labels["appointment"][0.0] == "nicht zutreffend"
    assert meta.missing_ranges["appointment"] == [{"lo": 0.0, "hi": 0.0}]
    for record in frame.to_dict("records"):
        site, day, channel, locale, answers, comment = original[uuid.UUID(record["response_id"])]
        assert (record["site"], record["date"], record["channel"], record["locale"]) == (
            site, day, channel, locale)  # fmt: skip
        assert record["comment"] == (comment or "")
        for code in ("topic", "overall", "resolved", "appointment", "waiting", "trust"):
            value = record[code]
            assert (() if value != value else (int(value),)) == answers.get(code, ())
        named = tuple(v for v in range(1, 9) if record[f"improve_{v}"] == 1)
        assert named == answers.get("improve", ())
        if "improve" not in answers:
            assert all(record[f"improve_{v}"] != record[f"improve_{v}"] for v in range(1, 9))
    texts = {record["comment"] for record in frame.to_dict("records")}
    assert {ARABIC, TIGRINYA, '=HYPERLINK("http://x")'} <= texts
