"""Headline indicators (docs/methodology.md §2) per site × period, plus the network.

- ``csat``: share of 4 or 5 on ``overall`` (its top-2-box);
- ``first_visit_resolution``: share of ``resolved = 1`` among the responses
  with ``visits = 1`` that answered ``resolved``;
- ``referral_gap``: share of ``referral = 4`` among all ``referral`` answers.

Each comes with its Wilson interval and the small-number rules. All three are
read from the answer tally in one query: CSAT and the referral gap from the rows
of ``overall`` and ``referral`` (their cells are exactly those of the summary,
suppression included); first-visit resolution from the first-visit rows of
``resolved`` (value ``FIRST_VISIT + v``, counted among the responses that
answered ``visits`` = 1, in the same transaction as the response: see
survey/responses/tallies.py). No response or answer row is read, so the cost
grows with sites × days, not with the number of answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine

from . import source, stats
from .cells import ALL, Cell, site_order
from .disclosure import MIN_N, limited, shown_n
from .disclosure.linked import filtered

INDICATORS = ("csat", "first_visit_resolution", "referral_gap")


@dataclass(frozen=True)
class HeadlineRow:
    site: str
    period: str
    indicator: str
    n: int | str | None
    suppressed: bool
    limited: bool
    share: float | None = None
    share_low: float | None = None
    share_high: float | None = None


@dataclass(frozen=True)
class Headline:
    questionnaire: str
    level: float
    min_n: int
    rows: list[HeadlineRow] = field(default_factory=list)


def headline(
    bind: Connection | Engine,
    *,
    questionnaire: str = "core@1",
    sites: Sequence[str] = (),
    by: str = "month",
    start: date | None = None,
    end: date | None = None,
    channel: str | None = None,
) -> Headline:
    flt = source.Filter(start, end, channel)
    with source.connected(bind) as conn:
        qid = source.questionnaire_id(conn, questionnaire)
        wanted = set(source.site_ids(conn, sites)) if sites else None
        items = {i.code: i for i in source.items(conn, qid)}
        codes = source.sites(conn)
        single = [items[c] for c in ("overall", "referral") if c in items]
        resolved = items["resolved"] if "visits" in items and "resolved" in items else None
        answers, first_visit = _counters(conn, qid, by)
        found = [
            ("csat" if cell.item.code == "overall" else "referral_gap", cell)
            for cell in filtered(*answers, flt, single, codes).values()
        ]
        if resolved is not None:
            found += [
                ("first_visit_resolution", cell)
                for cell in filtered(*first_visit, flt, [resolved], codes).values()
            ]
    selected = [e for e in found if wanted is None or e[1].site in wanted or e[1].site == ALL]
    selected.sort(key=lambda e: (site_order(e[1].site), e[1].period, INDICATORS.index(e[0])))
    return Headline(questionnaire, stats.LEVEL, MIN_N, [_row(i, c) for i, c in selected])


def _counters(conn: Connection, qid: int, by: str) -> tuple[Any, Any]:
    """Answer and first-visit counts as :func:`analysis.disclosure.linked.filtered` takes
    them: a filter fixing a channel is protected within its channel family."""

    # one scan of the tally serves both parts
    scan = cache(lambda flt: source.headline_counts(conn, qid, by, flt))
    grouped_scan = cache(
        lambda flt, group: source.grouped_headline_counts(conn, qid, by, flt, group)
    )

    def counted(part: int) -> Any:
        return lambda flt: scan(flt)[part]

    def grouped(part: int) -> Any:
        def run(flt: source.Filter, group: str) -> dict[Any, source.Counts]:
            return {g: counts[part] for g, counts in grouped_scan(flt, group).items()}

        return run

    return (counted(0), grouped(0)), (counted(1), grouped(1))


def _row(indicator: str, cell: Cell) -> HeadlineRow:
    row = HeadlineRow(
        cell.site,
        cell.period,
        indicator,
        shown_n(cell.n, cell.primary, cell.secondary),
        cell.hidden,
        limited(cell.n, cell.hidden),
    )
    if cell.hidden:
        return row
    counted = {
        "csat": (cell.item.max_value - 1, cell.item.max_value),
        "first_visit_resolution": (1,),
        "referral_gap": (4,),
    }[indicator]
    share, low, high = stats.wilson(sum(cell.dist.get(v, 0) for v in counted), cell.n)
    return replace(
        row,
        share=stats.clean(share[0]),
        share_low=stats.clean(low[0]),
        share_high=stats.clean(high[0]),
    )
