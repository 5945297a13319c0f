"""The XLSX export: a ``responses`` sheet in the CSV schema and a ``codebook`` sheet.

Written with openpyxl's write-only mode, row by row, so memory stays flat.
Numbers are numbers, dates are dates; every text cell goes through
:func:`survey.security.spreadsheet.neutralise`, so nothing in the sheet is read as a formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from survey.questionnaires.definition import Definition
from survey.security.spreadsheet import neutralise

from . import anonymise, codebook, csvio, monthly, presentation
from .models import NOT_APPLICABLE

#: Excel's row limit, less the header row.
MAX_ROWS = 1_048_575


class TooManyRows(ValueError):
    pass


def _cell(values: tuple[int, ...]) -> int | str | None:
    if not values:
        return None
    if len(values) == 1 and values[0] != NOT_APPLICABLE:
        return values[0]
    return csvio.format_values(values)


def _text(value: str | None) -> str | None:
    return neutralise(value) if value else None


def _month_cells(row: monthly.MonthRow) -> list[object]:
    topic: object = int(row.topic) if row.topic.isdigit() else _text(row.topic or None)
    cells: list[object] = [_text(row.site), row.month, _text(row.channel), _text(row.locale),
                           _text(row.questionnaire), topic]  # fmt: skip
    cells += [_cell(row.answers.get(code, ())) for code in csvio.ITEM_COLUMNS[1:-1]]
    cells.append(_text(row.comment))
    return cells


def write_xlsx(
    stream: Iterator[Any], definitions: list[Definition], path: Path,
    recoding: anonymise.Recoding | None = None,
) -> int:  # fmt: skip
    """The rows as a sheet; with ``recoding``, month-level rows (:mod:`.monthly`)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("responses")
    sheet.append(list(csvio.EXPORT_HEADER if recoding is None else monthly.MONTH_HEADER))
    count = 0
    for row in stream:
        count += 1
        if count > MAX_ROWS:
            raise TooManyRows(
                f"an XLSX sheet holds at most {MAX_ROWS:,} rows; "
                "export as csv or sav, or select fewer sites or days"
            )
        if recoding is not None:
            sheet.append(_month_cells(row))
            continue
        cells: list[object] = [
            str(row.response_id),
            _text(row.site),
            row.day,
            _text(row.channel),
            _text(row.locale),
            _text(row.questionnaire),
        ]
        cells += [_cell(row.answers.get(code, ())) for code in csvio.ITEM_COLUMNS[:-1]]
        cells.append(_text(row.comment))
        cells.append(presentation.name_of(row.presentation))
        sheet.append(cells)
    notes = book.create_sheet("codebook")
    notes.append(list(codebook.COLUMNS))
    for entry in codebook.entries(definitions, recoding):
        notes.append([_text(cell) for cell in entry.cells()])
    book.save(path)
    return count
