"""Trends: a monthly p-chart of a top-2 share per site and for the network.

The centre line is p̄ = Σx/Σn over the months shown; each month has the limits
p̄ ± 3·sqrt(p̄(1 − p̄)/n_t) (docs/methodology.md §3), and a month whose share lies
outside them is flagged. Months suppressed by the small-number rules take no
part: they show no figures and do not enter p̄.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, Engine

from . import source, stats
from .cells import ALL, Cell, site_order
from .disclosure import shown_n
from .disclosure.linked import answer_counters, filtered
from .summary import TOP_BOXES


@dataclass(frozen=True)
class TrendRow:
    site: str
    period: str
    item: str
    n: int | str | None
    suppressed: bool
    share: float | None = None
    centre: float | None = None
    low: float | None = None
    high: float | None = None
    #: the month lies outside its limits
    flag: bool | None = None


@dataclass(frozen=True)
class Trend:
    questionnaire: str
    item: str
    rows: list[TrendRow] = field(default_factory=list)


def trend(
    bind: Connection | Engine,
    *,
    item: str = "overall",
    questionnaire: str = "core@1",
    sites: Sequence[str] = (),
    start: date | None = None,
    end: date | None = None,
    channel: str | None = None,
) -> Trend:
    flt = source.Filter(start, end, channel)
    with source.connected(bind) as conn:
        qid = source.questionnaire_id(conn, questionnaire)
        wanted = set(source.site_ids(conn, sites)) if sites else None
        chosen = [i for i in source.items(conn, qid) if i.code == item]
        if not chosen or chosen[0].kind != "scale":
            raise source.SourceError(f"{item!r} is not a 1–5 item of {questionnaire}")
        counted, grouped = answer_counters(conn, qid, "month")
        cells = filtered(counted, grouped, flt, chosen, source.sites(conn)).values()
    series: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        if wanted is None or cell.site in wanted or cell.site == ALL:
            series[cell.site].append(cell)
    rows: list[TrendRow] = []
    for site in sorted(series, key=site_order):
        rows.extend(_chart(sorted(series[site], key=lambda c: c.period)))
    return Trend(questionnaire, item, rows)


def _chart(months: list[Cell]) -> list[TrendRow]:
    shown = [c for c in months if not c.hidden]
    chart = None
    if shown:
        top = shown[0].item.max_value - TOP_BOXES + 1
        x = [sum(n for v, n in c.dist.items() if v >= top) for c in shown]
        chart = stats.p_chart(x, [c.n for c in shown])
    figures = {}
    if chart is not None:
        for k, cell in enumerate(shown):
            figures[cell.period] = {
                "share": chart.share[k],
                "centre": chart.centre,
                "low": chart.low[k],
                "high": chart.high[k],
                "flag": chart.flag[k],
            }
    return [
        TrendRow(
            c.site,
            c.period,
            c.item.code,
            shown_n(c.n, c.primary, c.secondary),
            c.hidden,
            **figures.get(c.period, {}),
        )
        for c in months
    ]
