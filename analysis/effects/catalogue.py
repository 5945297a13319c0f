"""The catalogue of what worked: every measure's effects, and per type × item × metric a
pooled estimate across the sites that took it, with Holm-adjusted p over the catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..deferred import deferred
from ..stats import holm
from .design import TRANSITION, WINDOW, DesignError, MeasureInfo
from .estimate import EffectRow, EventRow, effect
from .pooling import dersimonian_laird

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = deferred("pandas")


@dataclass(frozen=True)
class PooledRow:
    type: str
    item: str
    metric: str
    direction: int
    #: sites whose estimate enters the pooled one (suppressed ones do not)
    sites: list[str]
    k: int
    estimate: float
    low: float
    high: float
    p: float
    p_adj: float | None
    tau2: float
    i2: float


@dataclass
class Catalogue:
    window: int
    transition: int
    adjusted: bool
    rows: list[EffectRow] = field(default_factory=list)
    pooled: list[PooledRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    #: measures that allow no estimate at all, with the reason
    skipped: list[dict[str, object]] = field(default_factory=list)
    note: str = (
        "observational estimates (difference-in-differences against comparison sites), "
        "not results of an experiment"
    )


def catalogue(
    cells: pd.DataFrame,
    measures: Sequence[MeasureInfo],
    sites: Sequence[str],
    *,
    only_sites: Sequence[str] = (),
    types: Sequence[str] = (),
    window: int = WINDOW,
    transition: int = TRANSITION,
    adjust: bool = True,
    bootstrap: bool = True,
) -> Catalogue:
    """Effects of the measures (of ``only_sites`` and ``types`` when given) and the pooled
    estimate per type. Holm's adjustment runs over the site rows shown, and separately
    over the pooled rows."""
    result = Catalogue(window, transition, adjust)
    chosen = [
        m
        for m in measures
        if (not only_sites or m.site in only_sites) and (not types or m.type in types)
    ]
    for measure in chosen:
        try:
            one = effect(
                cells,
                measure,
                measures,
                sites,
                window=window,
                transition=transition,
                adjust=adjust,
                bootstrap=bootstrap,
            )
        except DesignError as exc:
            result.skipped.append(
                {
                    "measure": measure.id,
                    "site": measure.site,
                    "label": measure.label,
                    "code": exc.code,
                    "reason": str(exc),
                }
            )
            continue
        result.rows += one.rows
        result.events += one.events
    with_p = [r for r in result.rows if r.p is not None]
    for row, adjusted in zip(with_p, holm([r.p for r in with_p]), strict=True):
        row.p_adj = adjusted
    groups: dict[tuple[str, str, str], list[EffectRow]] = {}
    for row in with_p:
        if row.se_interval:
            groups.setdefault((row.type, row.item, row.metric), []).append(row)
    pooled = []
    for (kind, item, metric), rows in sorted(groups.items()):
        # the standard errors of the intervals shown (the bootstrap's), not the analytic
        # ones, so that the pooled estimate weighs each site by what its row says
        ses = [r.se_interval for r in rows]
        fit = dersimonian_laird([r.estimate for r in rows], ses)  # type: ignore[misc, arg-type]
        pooled.append(
            PooledRow(
                kind,
                item,
                metric,
                rows[0].direction,
                [r.site for r in rows],
                fit.k,
                fit.estimate,
                fit.low,
                fit.high,
                fit.p,
                None,
                fit.tau2,
                fit.i2,
            )
        )
    adjusted = holm([r.p for r in pooled]) if pooled else []
    result.pooled = [
        PooledRow(**{**r.__dict__, "p_adj": a}) for r, a in zip(pooled, adjusted, strict=True)
    ]
    return result
