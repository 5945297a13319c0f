"""Neutralising formula injection in CSV and XLSX exports (OWASP "CSV injection").

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and, in some, a tab or carriage return) as a formula: a respondent's comment
``=HYPERLINK("http://…")`` would become a live link in the office's Excel.
Exports pass every text cell through :func:`neutralise`, which prefixes such a
cell with an apostrophe so it is shown as the text it is. Numbers are left
alone: they are never formulas.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in row]
