"""Figures of one site: trend, item profile, drivers matrix, breakdowns."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from analysis.deferred import deferred

if TYPE_CHECKING:
    import plotly.graph_objects as go
else:
    go = deferred("plotly.graph_objects")

from ..drivers import Drivers
from ..trend import TrendRow
from .style import FLAG, NETWORK, SITE, Labels, layout, pct, percent_axis


class ShareRow(Protocol):
    """A summary or headline row: a share with its interval, or suppressed."""

    n: int | str | None
    suppressed: bool
    limited: bool


def _share(row: object) -> tuple[float | None, float | None, float | None]:
    for name in ("top2", "share"):
        if hasattr(row, name):
            return getattr(row, name), getattr(row, f"{name}_low"), getattr(row, f"{name}_high")
    raise TypeError(f"{type(row).__name__} has no share")


def _month(period: str) -> str:
    return f"{period}-01" if len(period) == 7 else period


def trend(
    site_rows: Sequence[TrendRow],
    network_rows: Sequence[TrendRow],
    labels: Labels,
    *,
    intervals: Mapping[str, tuple[float | None, float | None]] | None = None,
    marks: Sequence[tuple[date, str]] = (),
) -> go.Figure:
    """Monthly share of the site with its p-chart limits (and Wilson band if given),
    the network line, and vertical marks for measures. Suppressed months are gaps."""
    fig = go.Figure()
    shown = [r for r in site_rows if not r.suppressed and r.share is not None]
    x = [_month(r.period) for r in shown]
    if intervals:
        band = [intervals.get(r.period, (None, None)) for r in shown]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=[b[1] for b in band],
                mode="lines",
                line={"width": 0},
                showlegend=False,
                hoverinfo="skip",
                name=labels.interval,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=[b[0] for b in band],
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor="rgba(0,114,178,0.18)",
                name=labels.interval,
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[r.high for r in shown],
            mode="lines",
            name=labels.limits,
            line={"color": "#555555", "dash": "dot", "width": 1},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[r.low for r in shown],
            mode="lines",
            showlegend=False,
            name=labels.limits,
            line={"color": "#555555", "dash": "dot", "width": 1},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[r.centre for r in shown],
            mode="lines",
            name=labels.centre,
            line={"color": "#555555", "width": 1},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[_month(r.period) for r in site_rows],
            y=[None if r.suppressed else r.share for r in site_rows],
            mode="lines+markers",
            name=labels.site,
            line={"color": SITE, "width": 3},
            customdata=[[str(r.n) if r.n is not None else "–"] for r in site_rows],
            hovertemplate="%{x|%Y-%m}: %{y:.0%} (n=%{customdata[0]})<extra></extra>",
        )
    )
    flagged = [r for r in shown if r.flag]
    if flagged:
        fig.add_trace(
            go.Scatter(
                x=[_month(r.period) for r in flagged],
                y=[r.share for r in flagged],
                mode="markers",
                name=labels.flagged,
                marker={"color": FLAG, "size": 12, "symbol": "diamond-open", "line": {"width": 2}},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[_month(r.period) for r in network_rows],
            y=[None if r.suppressed else r.share for r in network_rows],
            mode="lines",
            name=labels.network,
            line={"color": NETWORK, "width": 2, "dash": "dash"},
        )
    )
    # Plotly reads <b>, <a href> … in texts: a label is plain text, so it is escaped
    marks = [(day, html.escape(text, quote=False)) for day, text in marks]
    for k, (day, text) in enumerate(marks):
        fig.add_vline(x=day.isoformat(), line={"color": "#333333", "dash": "dashdot", "width": 1})
        fig.add_annotation(
            x=day.isoformat(),
            y=1 - 0.07 * (k % 3),  # staggered, so that close measures stay legible
            yref="paper",
            text=text,
            showarrow=False,
            xanchor="left",
            font={"size": 11},
        )
    if marks:
        # one trace for the legend and the hover text (day and label of each measure)
        fig.add_trace(
            go.Scatter(
                x=[day.isoformat() for day, _ in marks],
                y=[0.01] * len(marks),
                mode="markers",
                name=labels.measure,
                marker={"color": "#333333", "size": 10, "symbol": "triangle-up"},
                text=[text for _, text in marks],
                hovertemplate="%{x|%Y-%m-%d}: %{text}<extra></extra>",
            )
        )
    fig.update_yaxes(**percent_axis(labels.share))
    fig.update_xaxes(title={"text": labels.month})
    return layout(fig)


def profile(
    site_rows: Sequence[object],
    network_rows: Sequence[object],
    item_labels: Mapping[str, str],
    labels: Labels,
) -> go.Figure:
    """Dot plot: the top-2 share of every 1–5 item, site and network, with intervals.
    Rows carry ``item``; items whose site cell is suppressed show the note."""
    fig = go.Figure()
    for rows, name, colour, symbol in (
        (site_rows, labels.site, SITE, "circle"),
        (network_rows, labels.network, NETWORK, "diamond"),
    ):
        shown = [r for r in rows if not r.suppressed]  # type: ignore[attr-defined]
        shares = [_share(r) for r in shown]
        fig.add_trace(
            go.Scatter(
                x=[s[0] for s in shares],
                y=[item_labels.get(r.item, r.item) for r in shown],  # type: ignore[attr-defined]
                mode="markers",
                name=name,
                marker={"color": colour, "size": 11, "symbol": symbol},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [s[2] - s[0] for s in shares],
                    "arrayminus": [s[0] - s[1] for s in shares],
                    "color": colour,
                },
                hovertemplate="%{y}: %{x:.0%}<extra>" + name + "</extra>",
            )
        )
    hidden = [r for r in site_rows if r.suppressed]  # type: ignore[attr-defined]
    if hidden:
        fig.add_trace(
            go.Scatter(
                x=[0.02] * len(hidden),
                y=[item_labels.get(r.item, r.item) for r in hidden],  # type: ignore[attr-defined]
                mode="text",
                text=[labels.suppressed] * len(hidden),
                textposition="middle right",
                name=labels.suppressed,
                showlegend=False,
            )
        )
    order = [item_labels.get(r.item, r.item) for r in site_rows]  # type: ignore[attr-defined]
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True)
    fig.update_xaxes(**percent_axis(labels.share))
    return layout(fig, height=max(300, 40 * len(order) + 120))


def drivers_matrix(result: Drivers, item_labels: Mapping[str, str], labels: Labels) -> go.Figure:
    """Importance × performance: share of explained variance (with bootstrap interval)
    against the item's top-2 share; guide lines at the means of both."""
    ds = result.drivers
    r2 = result.r2 or 1.0
    fig = go.Figure(
        go.Scatter(
            x=[d.top2 for d in ds],
            y=[d.share for d in ds],
            mode="markers+text",
            text=[item_labels.get(d.item, d.item) for d in ds],
            textposition="top center",
            marker={"color": SITE, "size": 12},
            name=labels.importance,
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [max(d.weight_high / r2 - d.share, 0) for d in ds],
                "arrayminus": [max(d.share - d.weight_low / r2, 0) for d in ds],
            },
            hovertemplate="%{text}: %{x:.0%} / %{y:.0%}<extra></extra>",
        )
    )
    if ds:
        fig.add_vline(x=sum(d.top2 for d in ds) / len(ds), line={"color": "#777777", "dash": "dot"})
        fig.add_hline(y=1 / len(ds), line={"color": "#777777", "dash": "dot"})
    fig.update_xaxes(title={"text": labels.performance}, tickformat=".0%")
    fig.update_yaxes(title={"text": labels.importance}, tickformat=".0%", rangemode="tozero")
    return layout(fig, height=420)


def breakdown(groups: Sequence[tuple[str, object]], labels: Labels) -> go.Figure:
    """One share per group (channel, locale, topic) with its interval; a suppressed
    group shows the note instead of a bar."""
    shown = [(g, r) for g, r in groups if not r.suppressed]  # type: ignore[attr-defined]
    shares = [_share(r) for _, r in shown]
    fig = go.Figure(
        go.Bar(
            y=[g for g, _ in shown],
            x=[s[0] for s in shares],
            orientation="h",
            name=labels.share,
            marker={"color": SITE},
            text=[pct(s[0]) for s in shares],
            textposition="inside",
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [s[2] - s[0] for s in shares],
                "arrayminus": [s[0] - s[1] for s in shares],
            },
        )
    )
    hidden = [g for g, r in groups if r.suppressed]  # type: ignore[attr-defined]
    if hidden:
        fig.add_trace(
            go.Scatter(
                y=hidden,
                x=[0.01] * len(hidden),
                mode="text",
                text=[labels.suppressed] * len(hidden),
                textposition="middle right",
                showlegend=False,
                name=labels.suppressed,
            )
        )
    fig.update_yaxes(
        categoryorder="array", categoryarray=[g for g, _ in groups][::-1], automargin=True
    )
    fig.update_xaxes(**percent_axis(labels.share))
    return layout(fig, height=max(220, 36 * len(groups) + 100))
