"""Which period a dashboard opens on, and whether a period has enough answers.

The preset periods count back from the last month with answers. One answer
arriving after a long gap would make "the last 12 months" nearly empty, so the
default (no period in the URL) counts back from the last month whose 12-month
window holds at least ``MIN_N`` answers. A period chosen explicitly is shown as
asked; when it holds fewer than ``MIN_N`` answers the dashboard says so once and
links to the latest period of the same length that has enough.

Only the response tally is read: one row per site, day, channel and locale.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select

from analysis.source import CHANNELS, tally_response_t
from analysis.suppression import MIN_N

from .filters import PRESETS, Filters, month_end, month_start

DEFAULT_MONTHS = PRESETS["year"]


def month_counts(engine: Engine, site_id: int | None, channel: str | None) -> Counter[date]:
    """Answers per month (first day of the month) of one site, or of every site."""
    t = tally_response_t
    stmt = select(t.c.day, func.sum(t.c.n)).group_by(t.c.day)
    if site_id is not None:
        stmt = stmt.where(t.c.site_id == site_id)
    if channel is not None:
        stmt = stmt.where(t.c.channel == channel)
    counts: Counter[date] = Counter()
    with engine.connect() as conn:
        for day, n in conn.execute(stmt):
            day = date.fromisoformat(day) if isinstance(day, str) else day
            counts[month_start(day)] += int(n or 0)
    return counts


def _window(counts: Mapping[date, int], last: date, months: int) -> int:
    return sum(counts.get(month_start(last, back), 0) for back in range(months))


def latest_window(counts: Mapping[date, int], months: int) -> tuple[date, date] | None:
    """The latest run of ``months`` whole months holding at least ``MIN_N`` answers."""
    for last in sorted(counts, reverse=True):
        if _window(counts, last, months) >= MIN_N:
            return month_start(last, months - 1), month_end(last)
    return None


def default_anchor(engine: Engine, site_id: int | None, channel: str | None) -> date | None:
    """The month the default period ends in; None when nothing has enough answers."""
    window = latest_window(month_counts(engine, site_id, _channel(channel)), DEFAULT_MONTHS)
    return window[1] if window else None


def _channel(value: str | None) -> str | None:
    return value if value in CHANNELS else None


@dataclass(frozen=True)
class Coverage:
    """How many answers the filtered period holds, and where enough can be found."""

    n: int
    #: the latest period of the same length with enough answers (None: there is none)
    fallback: tuple[date, date] | None

    @property
    def enough(self) -> bool:
        return self.n >= MIN_N

    @property
    def empty(self) -> bool:
        return self.n == 0


def coverage(engine: Engine, f: Filters, site_id: int | None) -> Coverage:
    counts = month_counts(engine, site_id, f.channel)
    n = _window(counts, f.end, f.months)
    fallback = None if n >= MIN_N else latest_window(counts, f.months)
    return Coverage(n, fallback)
