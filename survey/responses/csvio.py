"""The CSV of responses (GUIDE.md §B): columns, cell parsing and cell writing.

One row per response, UTF-8, comma-separated, with this header::

    response_id,site,date,channel,locale,questionnaire,topic,overall,…,improve,comment

This module knows the format only; reading a file into the database is
:mod:`survey.responses.importer`, writing one is :mod:`survey.responses.exporter`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from survey.i18n import locales
from survey.questionnaires.definition import NA_TOKEN, Definition
from survey.responses import presentation
from survey.responses.models import CHANNELS, NOT_APPLICABLE
from survey.security.spreadsheet import neutralise

META_COLUMNS = ("response_id", "site", "date", "channel", "locale", "questionnaire")
ITEM_COLUMNS = (
    "topic",
    "overall",
    "resolved",
    "visits",
    "appointment",
    "waiting",
    "friendly",
    "understood",
    "fair",
    "communication",
    "referral",
    "trust",
    "improve",
    "comment",
)
HEADER = META_COLUMNS + ITEM_COLUMNS
#: The day-level export extends the header by one trailing column: how the 1–5
#: scale was shown (``words``, ``faces``, ``kiosk-faces-no-numbers``; empty: not
#: known). The import takes files with or without it.
PRESENTATION_COLUMN = "presentation"
EXPORT_HEADER = (*HEADER, PRESENTATION_COLUMN)

#: The public locale codes (docs/methodology.md §5), as written in the ``locale`` column.
LOCALES = locales.CODES

MULTI_SEPARATOR = ";"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class CellError(ValueError):
    """A cell cannot be read; the message says why, in plain English."""


def header_problem(header: Sequence[str]) -> str | None:
    """Why ``header`` is not the expected header, or None if it is."""
    found = [name.strip() for name in header]
    if tuple(found) in (HEADER, EXPORT_HEADER):
        return None
    if len(found) == 1 and ";" in found[0]:
        return (
            "the columns are separated by ';' (as a German Excel saves CSV); "
            "the file must be comma-separated, with the header " + ",".join(HEADER)
        )
    missing = [name for name in HEADER if name not in found]
    unknown = [name for name in found if name not in EXPORT_HEADER]
    parts = []
    if missing:
        parts.append("missing columns: " + ", ".join(missing))
    if unknown:
        parts.append("unknown columns: " + ", ".join(repr(n) for n in unknown))
    if not parts:
        parts.append("the columns are in a different order or repeated")
    return "; ".join(parts) + ". Expected exactly: " + ",".join(HEADER)


def parse_id(cell: str) -> uuid.UUID | None:
    """An empty cell is None (a new UUID is made); anything else must be a UUID."""
    cell = cell.strip()
    if not cell:
        return None
    try:
        return uuid.UUID(cell)
    except ValueError:
        raise CellError(f"response_id {cell!r} is not a UUID") from None


def parse_date(cell: str, today: date) -> date:
    cell = cell.strip()
    if not _DATE.fullmatch(cell):
        raise CellError(f"date {cell!r} is not in the form YYYY-MM-DD")
    try:
        day = date.fromisoformat(cell)
    except ValueError:
        raise CellError(f"date {cell!r} does not exist") from None
    if day > today:
        raise CellError(f"date {cell} is in the future")
    return day


def parse_channel(cell: str) -> str:
    cell = cell.strip()
    if cell not in CHANNELS:
        raise CellError(f"channel {cell!r} is not one of {', '.join(CHANNELS)}")
    return cell


def parse_locale(cell: str) -> str:
    cell = cell.strip()
    if cell in LOCALES:
        return cell
    hint = cell.replace("_", "-")
    if hint in LOCALES:
        raise CellError(f"locale {cell!r} is written {hint!r} in the CSV")
    raise CellError(f"locale {cell!r} is not one of the public codes ({', '.join(LOCALES)})")


_REASONS = {
    "unknown_item": "is not an item of this questionnaire",
    "not_a_number": "{value!r} is not a whole number or 'na'",
    "out_of_range": "{value!r} is out of range ({low}–{high})",
    "one_value_only": "{value!r}: this item takes one value only",
    "na_not_allowed": "'na' (not applicable) is not allowed for this item",
    "too_long": "is longer than {max_length} characters",
    "not_text": "is not text",
}


def describe_errors(
    definition: Definition, errors: Mapping[str, str], raw: Mapping[str, str]
) -> str:
    """Plain-English reasons for the error codes of :meth:`Definition.validate`."""
    parts = []
    for code, error in errors.items():
        item = definition.item(code) if code in ITEM_COLUMNS else None
        template = _REASONS.get(error, error)
        text = template.format(
            value=raw.get(code, ""),
            low=1,
            high=item.max_value if item else "",
            max_length=(item.max_length if item else None) or 2000,
        )
        parts.append(f"{code}: {text}")
    return "; ".join(parts)


@dataclass(frozen=True)
class Row:
    """One response as the CSV shows it: answers keyed by item code."""

    response_id: uuid.UUID
    site: str
    day: date
    channel: str
    locale: str
    questionnaire: str
    answers: Mapping[str, tuple[int, ...]]
    comment: str | None
    #: survey.responses.presentation version; None: not known
    presentation: int | None = None


def format_values(values: tuple[int, ...]) -> str:
    """Stored values as a cell: ``4``, ``na`` or ``1;5``."""
    return MULTI_SEPARATOR.join(NA_TOKEN if v == NOT_APPLICABLE else str(v) for v in values)


def parse_presentation(cell: str) -> int | None:
    """An empty cell is None (not known); otherwise a presentation name."""
    key = cell.strip().lower()
    if not key:
        return None
    for version in sorted(presentation.KNOWN):
        if presentation.name_of(version) == key:
            return version
    names = ", ".join(presentation.name_of(v) for v in sorted(presentation.KNOWN))
    raise CellError(f"presentation {cell!r} is not one of {names} (or empty)")


def format_row(row: Row) -> list[str]:
    """The CSV cells of ``row``, in :data:`EXPORT_HEADER` order, comments neutralised."""
    cells = [
        str(row.response_id),
        row.site,
        row.day.isoformat(),
        row.channel,
        row.locale,
        row.questionnaire,
    ]
    cells += [format_values(row.answers.get(code, ())) for code in ITEM_COLUMNS[:-1]]
    cells.append(neutralise(row.comment) if row.comment else "")
    cells.append(presentation.name_of(row.presentation))
    return cells
