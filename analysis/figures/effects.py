"""Figures of the effects of measures: a forest plot per type and an event study."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..deferred import deferred
from ..effects.catalogue import PooledRow
from ..effects.estimate import EffectRow, EventRow
from .style import FLAG, NETWORK, SITE, layout

if TYPE_CHECKING:
    import plotly.graph_objects as go
else:
    go = deferred("plotly.graph_objects")


@dataclass(frozen=True)
class EffectLabels:
    """Every text these figures show, translated by the caller (English defaults)."""

    effect: str = "Effect (after minus before, against comparison sites)"
    pooled: str = "Pooled (random effects)"
    month: str = "Months since the start"
    reference: str = "Reference month"
    suppressed: str = "fewer than 10 answers"


def _bar(values: Sequence[tuple[float, float, float]]) -> dict[str, object]:
    return {
        "type": "data",
        "symmetric": False,
        "array": [h - e for e, _, h in values],
        "arrayminus": [e - lo for e, lo, _ in values],
    }


def forest(rows: Sequence[EffectRow], pooled: PooledRow | None, labels: EffectLabels) -> go.Figure:
    """Each site's estimate with its interval, and the pooled estimate at the bottom."""
    shown = [r for r in rows if r.estimate is not None]
    names = [f"{r.site} ({r.start[:7]})" for r in shown]
    values = [(r.estimate, r.low, r.high) for r in shown]
    fig = go.Figure(
        go.Scatter(
            x=[v[0] for v in values],
            y=names,
            mode="markers",
            marker={"color": SITE, "size": 10, "symbol": "square"},
            error_x=_bar(values),  # type: ignore[arg-type]
            showlegend=False,
            hovertemplate="%{y}: %{x:.3f}<extra></extra>",
        )
    )
    order = names[::-1]
    if pooled is not None:
        fig.add_trace(
            go.Scatter(
                x=[pooled.estimate],
                y=[labels.pooled],
                mode="markers",
                marker={"color": NETWORK, "size": 14, "symbol": "diamond"},
                error_x=_bar([(pooled.estimate, pooled.low, pooled.high)]),  # type: ignore[arg-type]
                showlegend=False,
                hovertemplate="%{y}: %{x:.3f}<extra></extra>",
            )
        )
        order = [labels.pooled, *order]
    fig.add_vline(x=0, line={"color": "#555", "width": 1})
    fig.update_yaxes(categoryorder="array", categoryarray=order, type="category")
    fig.update_xaxes(title={"text": labels.effect}, zeroline=False)
    return layout(fig, height=max(240, 34 * len(order) + 120))


def event_study(events: Sequence[EventRow], labels: EffectLabels) -> go.Figure:
    """Coefficients by month relative to the start, with intervals; the month before the
    start is the reference (0). Hidden months (small numbers) are left out."""
    shown = [e for e in events if e.estimate is not None]
    values = [(e.estimate, e.low, e.high) for e in shown]
    fig = go.Figure(
        go.Scatter(
            x=[e.k for e in shown],
            y=[v[0] for v in values],
            mode="markers+lines",
            line={"color": SITE},
            error_y=_bar(values),  # type: ignore[arg-type]
            showlegend=False,
            hovertemplate="%{x}: %{y:.3f}<extra></extra>",
        )
    )
    fig.add_hline(y=0, line={"color": "#555", "width": 1})
    fig.add_vline(x=-0.5, line={"color": FLAG, "dash": "dash", "width": 2})
    fig.update_xaxes(title={"text": labels.month}, dtick=1)
    fig.update_yaxes(title={"text": labels.effect})
    return layout(fig, height=320)
