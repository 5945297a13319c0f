"""``analysis summary``: figures per site × period × item, plus the network (GUIDE.md §B).

For a 1–5 item (``scale``): n, mean with t interval, top-2-box (4 or 5) with
Wilson interval, distribution. For a categorical item: n and distribution. For
the multiple-choice item: n = respondents, distribution = how often each option
was named. Cells below the small-number limits are suppressed or flagged (see
:mod:`analysis.suppression`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from .deferred import deferred

if TYPE_CHECKING:
    import numpy as np
else:
    np = deferred("numpy")
from sqlalchemy import Connection, Engine

from . import source, stats
from .cells import ALL, Cell, site_order
from .disclosure import MIN_N, limited, shown_n
from .disclosure.linked import answer_counters, filtered, grouped_filtered

#: top-2-box: the two highest values of a scale
TOP_BOXES = 2


@dataclass(frozen=True)
class SummaryRow:
    site: str
    period: str
    item: str
    n: int | str | None
    suppressed: bool
    limited: bool
    mean: float | None = None
    mean_low: float | None = None
    mean_high: float | None = None
    top2: float | None = None
    top2_low: float | None = None
    top2_high: float | None = None
    dist: dict[str, int] | None = None


@dataclass(frozen=True)
class Summary:
    questionnaire: str
    level: float
    min_n: int
    rows: list[SummaryRow] = field(default_factory=list)


def summarize(
    bind: Connection | Engine,
    *,
    questionnaire: str = "core@1",
    sites: Sequence[str] = (),
    by: str = "month",
    start: date | None = None,
    end: date | None = None,
    channel: str | None = None,
    locale: str | None = None,
    topic: int | None = None,
) -> Summary:
    """The summary for ``sites`` (all when empty) and the network.

    Suppression is decided on the table of all sites, whatever ``sites`` selects.
    ``locale`` and ``topic`` break the figures down (from the month tally, so the
    dates must span whole months). A cell filtered to one channel, locale or topic
    is hidden wherever that breakdown's family hides it (:mod:`analysis.disclosure.linked`).
    """
    flt = source.Filter(start, end, channel, locale, topic)
    with source.connected(bind) as conn:
        qid = source.questionnaire_id(conn, questionnaire)
        wanted = set(source.site_ids(conn, sites)) if sites else None
        items = source.items(conn, qid)
        cells = filtered(*answer_counters(conn, qid, by), flt, items, source.sites(conn))
    return _summary(questionnaire, cells, items, wanted)


def summarize_groups(
    bind: Connection | Engine,
    group: str,
    *,
    questionnaire: str = "core@1",
    sites: Sequence[str] = (),
    by: str = "all",
    start: date | None = None,
    end: date | None = None,
    channel: str | None = None,
) -> dict[Any, Summary]:
    """:func:`summarize` for every value of ``group`` ("channel", "locale" or "topic"),
    from one grouped query: ``summarize_groups(…, "locale")[x]`` equals
    ``summarize(…, locale=x)``: each value protected as its own table of sites, and
    each site's values as one family (:func:`analysis.disclosure.linked.families`).
    Values without any answer in the range are absent. Locale and topic read the
    month tally (whole months only)."""
    flt = source.Filter(start, end, channel)
    with source.connected(bind) as conn:
        qid = source.questionnaire_id(conn, questionnaire)
        wanted = set(source.site_ids(conn, sites)) if sites else None
        items = source.items(conn, qid)
        codes = source.sites(conn)
        grouped = grouped_filtered(answer_counters(conn, qid, by)[1], flt, group, items, codes)
    return {
        value: _summary(questionnaire, cells, items, wanted)
        for value, cells in sorted(grouped.items())
    }


def _summary(
    questionnaire: str,
    cells: dict[Any, Cell],
    items: list[source.ItemInfo],
    wanted: set[str] | None,
) -> Summary:
    order = {item.code: k for k, item in enumerate(items)}
    chosen = [
        cell for cell in cells.values() if wanted is None or cell.site in wanted or cell.site == ALL
    ]
    chosen.sort(key=lambda c: (site_order(c.site), c.period, order[c.item.code]))
    return Summary(questionnaire, stats.LEVEL, MIN_N, rows(chosen))


def rows(cells: list[Cell]) -> list[SummaryRow]:
    """Output rows of cells, figures computed for all shown scale cells at once."""
    scale = [c for c in cells if c.item.kind == "scale" and not c.hidden]
    figures = _scale_figures(scale)
    out = []
    for cell in cells:
        row = SummaryRow(
            site=cell.site,
            period=cell.period,
            item=cell.item.code,
            n=shown_n(cell.n, cell.primary, cell.secondary),
            suppressed=cell.hidden,
            limited=limited(cell.n, cell.hidden),
        )
        if not cell.hidden:
            dist = {str(v): c for v, c in cell.dist.items()}
            row = replace(row, **figures.get(id(cell), {}), dist=dist)
        out.append(row)
    return out


def _scale_figures(cells: list[Cell]) -> dict[int, dict[str, Any]]:
    """Mean, t interval, top-2 share and Wilson interval of scale cells (vectorised per scale)."""
    out: dict[int, dict[str, Any]] = {}
    for top in sorted({c.item.max_value for c in cells}):
        group = [c for c in cells if c.item.max_value == top]
        values = list(range(1, top + 1))
        counts = np.array([[c.dist[v] for v in values] for c in group], dtype=float)
        n, mean, var = stats.moments(values, counts)
        low, high = stats.mean_interval(mean, var, n)
        share, share_low, share_high = stats.wilson(counts[:, top - TOP_BOXES :].sum(axis=1), n)
        for k, cell in enumerate(group):
            out[id(cell)] = {
                "mean": stats.clean(mean[k]),
                "mean_low": stats.clean(low[k]),
                "mean_high": stats.clean(high[k]),
                "top2": stats.clean(share[k]),
                "top2_low": stats.clean(share_low[k]),
                "top2_high": stats.clean(share_high[k]),
            }
    return out
