from __future__ import annotations

import csv
import io

import pytest

from survey.security.spreadsheet import neutralise, neutralise_row, restore

ATTACKS = [
    '=HYPERLINK("http://evil.example","klick")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    # full-width forms, read as formulas by spreadsheets with an East Asian input method
    '＝HYPERLINK("http://evil.example","klick")',
    "＋1+cmd|' /C calc'!A0",
    "－2+3",
    "＠SUM(1+1)",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_cells_become_text(text):
    assert neutralise(text) == "'" + text
    out = io.StringIO()
    csv.writer(out).writerow(neutralise_row(["x", text, 5]))
    cell = next(csv.reader(io.StringIO(out.getvalue())))[1]
    assert cell[0] == "'"


@pytest.mark.parametrize("value", ["Alles gut", "", " =leading space is harmless", 5, -3, None])
def test_other_values_are_unchanged(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("text", [*ATTACKS, "'＝x", "''=x", "a＝b"])
def test_escape_is_undone_exactly_on_import(text):
    assert restore(str(neutralise(text))) == text
