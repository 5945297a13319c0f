"""Exporting responses as CSV (the import schema, plus a codebook), XLSX or SPSS ``.sav``.

Two levels of detail (docs/access-control.md):

- ``day``: the GUIDE.md CSV schema with ``response_id`` and ``date``, for the
  provider and the admin only, with a stated purpose that the audit log keeps;
- ``month``: what office staff get, :mod:`.monthly` (no day, no id, every
  combination of site × month × channel × locale × topic with at least
  :data:`.anonymise.K` responses).

Rows are streamed from the database (a server-side cursor on PostgreSQL,
``yield_per``), so a CSV or XLSX export holds only a few thousand rows in
memory at a time. Flagged responses (left out of the statistics) are left out
of exports too. A file is written under a temporary name and renamed when it
is complete: a failed export leaves no half-written file behind.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Select, select
from sqlalchemy.orm import Session

from survey.questionnaires.definition import Definition, parse
from survey.questionnaires.models import Item, Questionnaire
from survey.sites.models import Site

from . import anonymise, codebook, csvio, monthly
from .models import Answer, Comment, Response

FORMATS = ("csv", "xlsx", "sav")
DETAILS = ("day", "month")
STREAM_ROWS = 5000


class ExportFailed(Exception):
    """The export cannot be made as asked; no file was written."""


@dataclass(frozen=True)
class Selection:
    """Which responses to export: some sites (none = all), a date range (inclusive)."""

    sites: Sequence[str] = ()
    start: date | None = None
    end: date | None = None
    #: "day" (GUIDE.md schema) or "month" (the staff file, k-anonymous)
    detail: str = "day"


def export(
    engine: Engine, fmt: str, out: Path, selection: Selection,
    recoding: anonymise.Recoding | None = None, *, today: date | None = None,
) -> int:  # fmt: skip
    """Write the selected responses to ``out``; return how many were written.

    For ``detail="month"``, the dates are widened to whole months and end with the
    last month closed before ``today`` (default: the server's date), and
    ``recoding`` (if given) is filled with what the anonymisation changed.
    """
    if fmt not in FORMATS:
        raise ExportFailed(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if selection.detail not in DETAILS:
        raise ExportFailed(f"unknown detail {selection.detail!r}: use one of {', '.join(DETAILS)}")
    if selection.start and selection.end and selection.start > selection.end:
        raise ExportFailed(f"--from {selection.start} is after --to {selection.end}")
    month = selection.detail == "month"
    if month:
        start, end = monthly.closed_months(selection.start, selection.end, today or date.today())
        if start is not None and start > end:
            raise ExportFailed(
                f"a month file holds closed calendar months only; {start:%Y-%m} can be "
                "exported when it has ended"
            )
        selection = replace(selection, start=start, end=end)
    recoding = recoding if recoding is not None else anonymise.Recoding()
    with engine.connect() as conn:
        site_ids = _site_ids(conn, selection.sites)
        definitions = published(conn)
        stream: Iterator[Any] = rows(conn, selection, site_ids)
        if month:
            where = functools.partial(_where, selection=selection, site_ids=site_ids)
            mapping = anonymise.plan(monthly.counts(conn, where), recoding.k)
            stream = monthly.anonymised(stream, mapping, recoding)
        book = recoding if month else None
        if fmt == "csv":
            write = monthly.write_csv if month else write_csv
            return _write(out, lambda tmp: write(stream, tmp), definitions, book)
        if fmt == "xlsx":
            from .workbook import TooManyRows, write_xlsx

            try:
                return _write(out, lambda tmp: write_xlsx(stream, definitions, tmp, book))
            except TooManyRows as exc:
                raise ExportFailed(str(exc)) from None
        from .spss import write_sav

        return _write(out, lambda tmp: write_sav(stream, definitions, tmp, month=month))


def _write(
    out: Path,
    writer: Callable[[Path], int],
    definitions: list[Definition] | None = None,
    recoding: anonymise.Recoding | None = None,
) -> int:
    """Run ``writer`` on a temporary file, then move it (and a CSV codebook) into place."""
    if not out.parent.is_dir():
        raise ExportFailed(f"the folder {out.parent} does not exist")
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    book = codebook.codebook_path(out)
    book_tmp = book.with_name(f".{book.name}.{os.getpid()}.tmp")
    try:
        count = writer(tmp)
        if definitions is not None:
            codebook.write_csv(definitions, book_tmp, recoding)
            book_tmp.replace(book)
        tmp.replace(out)
    finally:
        for leftover in (tmp, book_tmp):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return count


def _site_ids(conn: Connection, codes: Sequence[str]) -> list[int] | None:
    if not codes:
        return None
    wanted = [code.strip().upper() for code in codes]
    found = dict(conn.execute(select(Site.code, Site.id).where(Site.code.in_(wanted))).all())
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise ExportFailed(f"unknown site {', '.join(unknown)}")
    return [found[code] for code in wanted]


def published(conn: Connection) -> list[Definition]:
    """The definitions of every published questionnaire version, for the codebook."""
    with Session(bind=conn) as session:
        stored = session.scalars(select(Questionnaire).order_by("code", "version")).all()
        return [parse(q.definition) for q in stored]


def _where(stmt: Select[Any], selection: Selection, site_ids: list[int] | None) -> Select[Any]:
    """The export's selection, on a statement over ``response``."""
    r = Response.__table__
    stmt = stmt.where(r.c.flagged.is_(False))
    if site_ids is not None:
        stmt = stmt.where(r.c.site_id.in_(site_ids))
    if selection.start:
        stmt = stmt.where(r.c.day >= selection.start)
    if selection.end:
        stmt = stmt.where(r.c.day <= selection.end)
    return stmt


def query(selection: Selection, site_ids: list[int] | None) -> Select[Any]:
    """One line per answer. Day files are ordered by day, site and the (random) id;
    month files by site and day, so that a site's month arrives in one piece (it is
    re-sorted by its contents before it is written)."""
    r, a, i, c = Response.__table__, Answer.__table__, Item.__table__, Comment.__table__
    s, q = Site.__table__, Questionnaire.__table__
    stmt = select(
        r.c.id,
        s.c.code,
        r.c.day,
        r.c.channel,
        r.c.locale,
        q.c.code,
        q.c.version,
        c.c.text,
        r.c.presentation,
        i.c.code,
        a.c.value,
    ).select_from(
        r.join(s, s.c.id == r.c.site_id)
        .join(q, q.c.id == r.c.questionnaire_id)
        .outerjoin(c, c.c.response_id == r.c.id)
        .outerjoin(a, a.c.response_id == r.c.id)
        .outerjoin(i, i.c.id == a.c.item_id)
    )
    if selection.detail == "month":
        stmt = stmt.order_by(s.c.code, r.c.day, r.c.id)
    else:
        stmt = stmt.order_by(r.c.day, s.c.code, r.c.id)
    return _where(stmt, selection, site_ids)


def rows(
    conn: Connection, selection: Selection, site_ids: list[int] | None = None
) -> Iterator[csvio.Row]:
    """The selected responses, one :class:`csvio.Row` each, streamed."""
    result = conn.execution_options(stream_results=True, yield_per=STREAM_ROWS).execute(
        query(selection, site_ids)
    )
    current: tuple[Any, ...] | None = None
    answers: dict[str, list[int]] = {}
    for rid, site, day, channel, locale, qcode, qversion, comment, shown, item, value in result:
        if current is None or current[0] != rid:
            if current is not None:
                yield _row(current, answers)
            current = (rid, site, day, channel, locale, f"{qcode}@{qversion}", comment, shown)
            answers = {}
        if item is not None:
            answers.setdefault(item, []).append(value)
    if current is not None:
        yield _row(current, answers)


def _row(head: tuple[Any, ...], answers: dict[str, list[int]]) -> csvio.Row:
    rid, site, day, channel, locale, questionnaire, comment, shown = head
    return csvio.Row(
        response_id=rid,
        site=site,
        day=day,
        channel=channel,
        locale=locale,
        questionnaire=questionnaire,
        answers={code: tuple(sorted(values)) for code, values in answers.items()},
        comment=comment,
        presentation=shown,
    )


def write_csv(stream: Iterator[csvio.Row], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(csvio.EXPORT_HEADER)
        for row in stream:
            writer.writerow(csvio.format_row(row))
            count += 1
    return count
