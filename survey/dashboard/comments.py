"""The comments browser: scrubbed comments of one site, by month, no exact times.

A comment is shown only when its cell (the month, and the locale when one is
chosen) holds at least 10 responses (docs/methodology.md §4). Read through the
access scope, counted in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlalchemy.orm import Session

from analysis.periods import MonthOf, YearOf
from analysis.suppression import MIN_N
from survey.access import Scope
from survey.responses.models import Comment, Response
from survey.sites.models import Site

from .filters import Filters


@dataclass(frozen=True)
class CommentCell:
    month: date
    responses: int
    comments: list[str]


def comment_cells(session: Session, scope: Scope, site: Site, f: Filters) -> list[CommentCell]:
    conditions = [
        Response.site_id == site.id,
        Response.flagged.is_(False),
        Response.day >= f.start,
        Response.day <= f.end,
    ]
    if f.locale:
        conditions.append(Response.locale == f.locale)
    if f.channel:
        conditions.append(Response.channel == f.channel)
    year, month = YearOf(Response.day), MonthOf(Response.day)
    counts = {
        date(int(y), int(m), 1): int(n)
        for y, m, n in session.execute(
            scope.select(Response, year, month, func.count())
            .where(*conditions)
            .group_by(year, month)
        )
    }
    texts: dict[date, list[str]] = {}
    rows = session.execute(
        scope.select(Comment, Response.day, Comment.text)
        .where(*conditions)
        .order_by(Response.day.desc(), Comment.text)
    )
    for day, text in rows:
        texts.setdefault(day.replace(day=1), []).append(text)
    for month_texts in texts.values():  # by text: the order of days is not shown either
        month_texts.sort()
    return [
        CommentCell(key, counts[key], texts[key])
        for key in sorted(counts, reverse=True)
        if counts[key] >= MIN_N and texts.get(key)
    ]


def locales_with_answers(session: Session, scope: Scope, site: Site, f: Filters) -> list[str]:
    found = session.scalars(
        scope.select(Response, Response.locale)
        .where(Response.site_id == site.id, Response.day >= f.start, Response.day <= f.end)
        .distinct()
    )
    return sorted(found)
