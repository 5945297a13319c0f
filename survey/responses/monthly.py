"""The month-level export for office staff: no day, no response id, k-anonymous.

Columns (CSV header, and the XLSX sheet)::

    site,month,channel,locale,questionnaire,topic,overall,…,improve,comment

``month`` is ``YYYY-MM``; ``locale`` and ``topic`` may read ``other`` where the
anonymisation pooled them (:mod:`.anonymise`). There is no ``response_id``
(a linkage key; a client may have made it from a clock) and no ``date``.

A month file covers whole calendar months that have ended (:func:`closed_months`).
Rows are read ordered by site and day, so that one site's month arrives in
one piece; that month is then recoded, its combinations below k are dropped
(checked again on the rows themselves), and it is written sorted by the
combination and the answers, never in the order of days or of storage.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, and_, func, select

from survey.questionnaires.models import Item
from survey.security.spreadsheet import neutralise
from survey.sites.models import Site

from . import anonymise, csvio
from .models import Answer, Response

MONTH_HEADER = ("site", "month", "channel", "locale", "questionnaire", *csvio.ITEM_COLUMNS)
TOPIC = "topic"


@dataclass(frozen=True)
class MonthRow:
    site: str
    month: str
    channel: str
    locale: str
    questionnaire: str
    #: "" not answered, "1"…"5", or anonymise.OTHER
    topic: str
    #: every item but the topic
    answers: dict[str, tuple[int, ...]]
    comment: str | None

    def sort_key(self) -> tuple[object, ...]:
        values = tuple(self.answers.get(code, ()) for code in csvio.ITEM_COLUMNS[1:-1])
        return (self.channel, self.locale, self.topic, self.questionnaire, values,
                self.comment or "")  # fmt: skip


def closed_months(start: date | None, end: date | None, today: date) -> tuple[date | None, date]:
    """The dates of a month file: widened to whole calendar months, and ending with the
    last closed month before ``today``.

    A file for part of a month (one day, say) would date its responses, and one for
    the running month, made again tomorrow, would show which responses came in today.
    """
    first = start.replace(day=1) if start else None
    last_closed = today.replace(day=1) - timedelta(days=1)
    if end is None:
        return first, last_closed
    following = (end.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first, min(following - timedelta(days=1), last_closed)


def month_of(row: csvio.Row) -> str:
    return f"{row.day:%Y-%m}"


def _topic(answers: dict[str, tuple[int, ...]]) -> str:
    values = answers.get(TOPIC, ())
    return csvio.format_values(values)


def key(row: csvio.Row) -> anonymise.Key:
    return (row.site, month_of(row), row.channel, row.locale, _topic(dict(row.answers)))


def counts(
    conn: Connection, stmt_filter: Callable[[Select[Any]], Select[Any]]
) -> dict[anonymise.Key, int]:
    """Responses per combination of quasi-identifiers, for the rows ``stmt_filter`` selects.

    ``stmt_filter`` is a function that adds the export's ``WHERE`` to a statement
    over ``response`` (the exporter's own, so both passes select the same rows).
    """
    r, a, i, s = Response.__table__, Answer.__table__, Item.__table__, Site.__table__
    stmt = (
        select(s.c.code, r.c.day, r.c.channel, r.c.locale, a.c.value, func.count())
        .select_from(
            r.join(s, s.c.id == r.c.site_id)
            .outerjoin(i, and_(i.c.questionnaire_id == r.c.questionnaire_id, i.c.code == TOPIC))
            .outerjoin(a, and_(a.c.response_id == r.c.id, a.c.item_id == i.c.id))
        )
        .group_by(s.c.code, r.c.day, r.c.channel, r.c.locale, a.c.value)
    )
    stmt = stmt_filter(stmt)
    out: dict[anonymise.Key, int] = {}
    for site, day, channel, locale, value, n in conn.execute(stmt):
        topic = "" if value is None else csvio.format_values((value,))
        combination = (site, f"{day:%Y-%m}", channel, locale, topic)
        out[combination] = out.get(combination, 0) + n
    return out


def anonymised(
    stream: Iterator[csvio.Row], mapping: dict[anonymise.Key, anonymise.Key | None],
    recoding: anonymise.Recoding,
) -> Iterator[MonthRow]:  # fmt: skip
    """The rows of ``stream`` (ordered by site, then day) recoded by ``mapping``."""
    batch: list[csvio.Row] = []
    for row in stream:
        if batch and (batch[0].site, month_of(batch[0])) != (row.site, month_of(row)):
            yield from _month(batch, mapping, recoding)
            batch = []
        batch.append(row)
    if batch:
        yield from _month(batch, mapping, recoding)


def _month(
    batch: list[csvio.Row], mapping: dict[anonymise.Key, anonymise.Key | None],
    recoding: anonymise.Recoding,
) -> Iterator[MonthRow]:  # fmt: skip
    out: dict[anonymise.Key, list[tuple[anonymise.Key, MonthRow]]] = {}
    for row in batch:
        recoding.selected += 1
        original = key(row)
        # a response stored between the two passes has no plan: left out
        target = mapping.get(original)
        if target is None:
            recoding.left_out += 1
            continue
        answers = {code: v for code, v in row.answers.items() if code != TOPIC}
        month_row = MonthRow(row.site, target[1], row.channel, target[3], row.questionnaire,
                             target[4], answers, row.comment)  # fmt: skip
        out.setdefault(target, []).append((original, month_row))
    written = []
    for target, rows in out.items():
        if len(rows) < recoding.k:  # fewer than planned (deleted meanwhile): left out
            recoding.left_out += len(rows)
            continue
        for original, month_row in rows:
            recoding.locale_recoded += target[3] != original[3]
            recoding.topic_recoded += target[4] != original[4]
            written.append(month_row)
    written.sort(key=MonthRow.sort_key)
    yield from written


def format_row(row: MonthRow) -> list[str]:
    cells = [row.site, row.month, row.channel, row.locale, row.questionnaire, row.topic]
    cells += [csvio.format_values(row.answers.get(code, ())) for code in csvio.ITEM_COLUMNS[1:-1]]
    cells.append(neutralise(row.comment) if row.comment else "")
    return cells


def write_csv(stream: Iterator[MonthRow], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(MONTH_HEADER)
        for row in stream:
            writer.writerow(format_row(row))
            count += 1
    return count
