"""Figures of the whole network: heatmap, caterpillar, small multiples, channel mix."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from analysis.deferred import deferred

if TYPE_CHECKING:
    import plotly.graph_objects as go
    from plotly import subplots
else:
    go = deferred("plotly.graph_objects")
    subplots = deferred("plotly.subplots")

from ..summary import SummaryRow
from ..trend import TrendRow
from .site import _month, _share
from .style import NETWORK, OKABE_ITO, SEQUENTIAL, SITE, Labels, layout, pct, percent_axis


def heatmap(
    rows: Sequence[SummaryRow],
    sites: Sequence[str],
    items: Sequence[str],
    item_labels: Mapping[str, str],
    labels: Labels,
) -> go.Figure:
    """Sites × items, the top-2 share; a suppressed cell is empty and says so."""
    cell = {(r.site, r.item): r for r in rows}
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    for site in sites:
        z_row, t_row = [], []
        for item in items:
            row = cell.get((site, item))
            if row is None or row.suppressed:
                z_row.append(None)
                t_row.append("–" if row is None else labels.suppressed)
            else:
                z_row.append(row.top2)
                t_row.append(pct(row.top2) + (" *" if row.limited else ""))
        z.append(z_row)
        text.append(t_row)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[item_labels.get(i, i) for i in items],
            y=list(sites),
            text=text,
            texttemplate="%{text}",
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=1,
            hoverongaps=False,
            colorbar={"title": {"text": labels.share}, "tickformat": ".0%"},
            name=labels.share,
            textfont={"size": 10},
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", tickangle=-30)
    return layout(fig, height=max(320, 28 * len(sites) + 140))


def caterpillar(rows: Sequence[object], network: object | None, labels: Labels) -> go.Figure:
    """Sites sorted by their share, each with its interval; the network as a line.
    Rows carry ``site``; suppressed sites are listed at the bottom with the note."""
    shown = sorted((r for r in rows if not r.suppressed), key=lambda r: _share(r)[0])  # type: ignore[attr-defined]
    shares = [_share(r) for r in shown]
    fig = go.Figure(
        go.Scatter(
            x=[s[0] for s in shares],
            y=[r.site for r in shown],
            mode="markers",  # type: ignore[attr-defined]
            name=labels.site,
            marker={"color": SITE, "size": 10},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [s[2] - s[0] for s in shares],
                "arrayminus": [s[0] - s[1] for s in shares],
            },
            hovertemplate="%{y}: %{x:.0%}<extra></extra>",
        )
    )
    hidden = [r.site for r in rows if r.suppressed]  # type: ignore[attr-defined]
    if hidden:
        fig.add_trace(
            go.Scatter(
                x=[0.01] * len(hidden),
                y=hidden,
                mode="text",
                text=[labels.suppressed] * len(hidden),
                textposition="middle right",
                showlegend=False,
                name=labels.suppressed,
            )
        )
    if network is not None and not network.suppressed:  # type: ignore[attr-defined]
        value = _share(network)[0]
        fig.add_vline(x=value, line={"color": NETWORK, "dash": "dash", "width": 2})
        fig.add_annotation(
            x=value, y=1, yref="paper", text=labels.network, showarrow=False, yanchor="bottom"
        )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=hidden[::-1] + [r.site for r in shown],  # type: ignore[attr-defined]
        type="category",
    )
    fig.update_xaxes(**percent_axis(labels.share))
    return layout(fig, height=max(320, 24 * len(rows) + 120))


def small_multiples(rows: Sequence[TrendRow], sites: Sequence[str], labels: Labels) -> go.Figure:
    """One small trend panel per site (its share and its centre line), shared axes."""
    cols = 4
    nrows = max(1, math.ceil(len(sites) / cols))
    fig = subplots.make_subplots(
        rows=nrows,
        cols=cols,
        shared_xaxes=True,
        shared_yaxes=True,
        subplot_titles=list(sites),
        vertical_spacing=0.08,
    )
    for k, site in enumerate(sites):
        series = [r for r in rows if r.site == site]
        fig.add_trace(
            go.Scatter(
                x=[_month(r.period) for r in series],
                y=[None if r.suppressed else r.share for r in series],
                mode="lines",
                name=site,
                line={"color": SITE, "width": 1.5},
                showlegend=False,
                hovertemplate=site + " %{x|%Y-%m}: %{y:.0%}<extra></extra>",
            ),
            row=k // cols + 1,
            col=k % cols + 1,
        )
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return layout(fig, height=170 * nrows + 60)


def channel_mix(
    counts: Mapping[str, Mapping[str, int | str | None]],
    channel_labels: Mapping[str, str],
    labels: Labels,
) -> go.Figure:
    """Responses per site, stacked by channel; a suppressed count shows no bar."""
    sites = list(counts)
    fig = go.Figure()
    for k, (channel, name) in enumerate(channel_labels.items()):
        values = [counts[s].get(channel) for s in sites]
        fig.add_trace(
            go.Bar(
                x=sites,
                y=[v if isinstance(v, int) else None for v in values],
                name=name,
                marker={"color": OKABE_ITO[(k + 2) % len(OKABE_ITO)]},
                text=[
                    str(v) if isinstance(v, int) else labels.suppressed if v else "" for v in values
                ],
                textposition="none",
                hovertemplate="%{x}: %{text}<extra>" + name + "</extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title={"text": labels.responses})
    fig.update_xaxes(type="category")
    return layout(fig)


__all__ = ["caterpillar", "channel_mix", "heatmap", "percent_axis", "small_multiples"]
