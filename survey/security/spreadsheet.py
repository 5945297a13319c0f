"""Neutralising formula injection in CSV and XLSX exports (OWASP "CSV injection").

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@``
(or their full-width forms ``＝＋－＠``, and, in some, a tab or carriage
return) as a formula: a respondent's comment
``=HYPERLINK("http://…")`` would become a live link in the office's Excel.
Exports pass every text cell through :func:`neutralise`, which prefixes such a
cell with an apostrophe so it is shown as the text it is. Numbers are left
alone: they are never formulas.

The escape is reversible: a text that already starts with apostrophes before a
formula character gets one more, and :func:`restore` (used by the CSV import)
removes exactly one. So an export read back in gives the very same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeVar

#: the full-width forms (＝＋－＠) start a formula too: spreadsheets with an
#: East Asian input method read them as their ASCII forms
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_CLASS = "[=+\\-@\t\r\uff1d\uff0b\uff0d\uff20]"
_NEEDS_ESCAPE = re.compile("'*" + _CLASS)
_ESCAPED = re.compile("'+" + _CLASS)

T = TypeVar("T")


def neutralise(value: T) -> T | str:
    """The cell as a spreadsheet shows it literally (text escaped, anything else as is)."""
    if isinstance(value, str) and _NEEDS_ESCAPE.match(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """Undo :func:`neutralise` on a text read back from an export."""
    return text[1:] if _ESCAPED.match(text) else text


def neutralise_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in row]
