"""The comments browser: scrubbed comments of one site, by month, no exact times.

A comment is shown only when its cell (the month, and the locale or channel
when one is chosen) holds at least 10 responses (docs/methodology.md §4), and,
under a filter, only when the disclosure policy shows that cell in its family
(the month's locales or channels, whose total is the unfiltered month): else
the month total minus the shown groups would give a hidden group's count back.
Read through the access scope, counted in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import Session

from analysis.disclosure import MIN_N, protect
from analysis.periods import MonthOf, YearOf
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
    base = [
        Response.site_id == site.id,
        Response.flagged.is_(False),
        Response.day >= f.start,
        Response.day <= f.end,
    ]
    conditions = list(base)
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
    hidden = _hidden_months(session, scope, base, f)
    return [
        CommentCell(key, counts[key], texts[key])
        for key in sorted(counts, reverse=True)
        if counts[key] >= MIN_N and texts.get(key) and key not in hidden
    ]


def _hidden_months(session: Session, scope: Scope, base: list[Any], f: Filters) -> set[date]:
    """Months in which the filter's group is hidden in its family (locales or channels)."""
    if f.locale:
        column, value = Response.locale, f.locale
    elif f.channel:
        column, value = Response.channel, f.channel
    else:
        return set()
    year, month = YearOf(Response.day), MonthOf(Response.day)
    families: dict[date, dict[str, int]] = {}
    for y, m, group, n in session.execute(
        scope.select(Response, year, month, column, func.count())
        .where(*base)
        .group_by(year, month, column)
    ):
        families.setdefault(date(int(y), int(m), 1), {})[group] = int(n)
    return {
        key
        for key, parts in families.items()
        if value in parts and protect(parts, sum(parts.values())).hidden(value)
    }


def locales_with_answers(session: Session, scope: Scope, site: Site, f: Filters) -> list[str]:
    found = session.scalars(
        scope.select(Response, Response.locale)
        .where(Response.site_id == site.id, Response.day >= f.start, Response.day <= f.end)
        .distinct()
    )
    return sorted(found)
