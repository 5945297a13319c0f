"""The site report's content: every figure comes from an :mod:`analysis` function.

The period's figures are ``analysis summary --by all --from --to`` (and
``headline``); the change against the previous period of the same length is
``analysis compare --a PREVIOUS --b PERIOD``; nothing is computed here but the
choice of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine

from ..compare import CompareRow, compare
from ..drivers import Driver, Drivers, TooFewResponses, drivers
from ..headline import HeadlineRow, headline
from ..source import CHANNELS
from ..summary import SummaryRow, summarize, summarize_groups
from ..trend import TrendRow, trend
from .comments import Comment, excerpt
from .items import SCALE_ITEMS

TOPICS = (1, 2, 3, 4, 5)
LOCALES = (
    "de", "de-easy", "en", "ar", "fa", "fa-AF", "ps", "ckb", "ku",
    "ti", "tr", "ru", "uk", "so", "fr", "es", "ro", "pl",
)  # fmt: skip


@dataclass
class Breakdown:
    """``overall`` for one filter value (a channel, a locale or a topic)."""

    key: str
    row: SummaryRow


@dataclass
class SiteReport:
    site: str
    name: str
    start: date
    end: date
    previous: tuple[date, date]
    headline: list[HeadlineRow]
    items: list[tuple[SummaryRow, SummaryRow | None]]
    changes: list[CompareRow]
    trend: list[TrendRow]
    drivers: list[Driver]
    drivers_note: str | None
    drivers_result: Drivers | None = None
    network_trend: list[TrendRow] = field(default_factory=list)
    channels: list[Breakdown] = field(default_factory=list)
    locales: list[Breakdown] = field(default_factory=list)
    topics: list[Breakdown] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    #: the site's measures in the period: (day, label), drawn on the trend
    measures: list[tuple[date, str]] = field(default_factory=list)


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length just before ``start`` (whole months: as many months)."""
    if _whole_months(start, end):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        index = start.year * 12 + start.month - 1 - months
        return (date(index // 12, index % 12 + 1, 1), start - timedelta(days=1))
    days = (end - start).days
    last = start - timedelta(days=1)
    return (last - timedelta(days=days), last)


def _all(bind: Engine, site: str, start: date, end: date, **filters: Any) -> list[SummaryRow]:
    result = summarize(bind, sites=[site], by="all", start=start, end=end, **filters)
    return result.rows


def _breakdown(
    bind: Engine, site: str, start: date, end: date, group: str, values: Sequence[Any]
) -> list[tuple[Any, SummaryRow]]:
    """``overall`` of ``site`` for each of ``values`` of ``group`` that has it, in that order
    (one grouped query: the same rows as one ``summarize`` per value)."""
    found = summarize_groups(bind, group, sites=[site], start=start, end=end)
    rows = [(v, _overall(found[v].rows, site)) for v in values if v in found]
    return [(v, row) for v, row in rows if row is not None]


def _overall(rows: list[SummaryRow], site: str) -> SummaryRow | None:
    return next((r for r in rows if r.site == site and r.item == "overall"), None)


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and (end + timedelta(days=1)).day == 1


def build(
    bind: Engine,
    site: str,
    name: str,
    start: date,
    end: date,
    *,
    comments: int = 6,
    measures: Sequence[tuple[date, str]] = (),
) -> SiteReport:
    """Everything the site report shows, for ``site`` from ``start`` to ``end``;
    ``measures`` (day, label) are handed in as plain data by the caller."""
    rows = _all(bind, site, start, end)
    mine = {r.item: r for r in rows if r.site == site}
    network = {r.item: r for r in rows if r.site == "ALL"}
    previous = previous_period(start, end)
    changes = compare(bind, a=previous, b=(start, end), sites=[site]).rows
    try:
        found: Drivers | None = drivers(bind, sites=[site], start=start, end=end)
        driver_rows, note = found.drivers, None
    except TooFewResponses as exc:
        found, driver_rows, note = None, [], str(exc)
    trend_rows = trend(bind, sites=[site], start=start, end=end).rows
    report = SiteReport(
        site=site,
        name=name,
        start=start,
        end=end,
        previous=previous,
        headline=[
            r
            for r in headline(bind, sites=[site], by="all", start=start, end=end).rows
            if r.site in (site, "ALL")
        ],
        items=[(mine[i], network.get(i)) for i in SCALE_ITEMS if i in mine],
        changes=[c for c in changes if c.site == site],
        trend=[r for r in trend_rows if r.site == site],
        network_trend=[r for r in trend_rows if r.site == "ALL"],
        drivers_result=found,
        drivers=driver_rows,
        drivers_note=note,
        measures=sorted((d, label) for d, label in measures if start <= d <= end),
    )
    for channel, row in _breakdown(bind, site, start, end, "channel", CHANNELS):
        report.channels.append(Breakdown(channel, row))
    if _whole_months(start, end):
        for locale, row in _breakdown(bind, site, start, end, "locale", LOCALES):
            if row.n not in (0, None):
                report.locales.append(Breakdown(locale, row))
        for topic, row in _breakdown(bind, site, start, end, "topic", TOPICS):
            report.topics.append(Breakdown(str(topic), row))
    overall = mine.get("overall")
    if comments and overall is not None and not overall.suppressed:
        report.comments = excerpt(bind, site, start, end, limit=comments)
    return report
