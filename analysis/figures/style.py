"""Colours, labels and the common layout of the figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis.deferred import deferred

if TYPE_CHECKING:
    import plotly.graph_objects as go
else:
    go = deferred("plotly.graph_objects")

#: Okabe–Ito: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = (
    "#0072B2",  # blue: the site
    "#E69F00",  # orange: the network
    "#009E73",  # bluish green
    "#D55E00",  # vermillion: flags
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",
)
SITE, NETWORK, GREEN, FLAG, PURPLE, SKY = OKABE_ITO[:6]
#: sequential scale for shares (light to dark blue), readable in grey too
SEQUENTIAL = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]


@dataclass(frozen=True)
class Labels:
    """Every text a figure shows, translated by the caller (English defaults)."""

    site: str = "Site"
    network: str = "Network"
    share: str = "Share 4–5 (top-2)"
    interval: str = "95 % interval"
    limits: str = "Control limits (p-chart)"
    centre: str = "Centre line"
    flagged: str = "Outside the limits"
    suppressed: str = "fewer than 10 answers"
    limited: str = "limited reliability"
    month: str = "Month"
    importance: str = "Importance (share of explained variance)"
    performance: str = "Performance (share 4–5)"
    responses: str = "Responses"
    measure: str = "Measure"


def percent_axis(title: str, low: float = 0.0, high: float = 1.0) -> dict[str, object]:
    return {"title": {"text": title}, "tickformat": ".0%", "range": [low, high]}


def layout(fig: go.Figure, title: str | None = None, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title} if title else None,
        height=height,
        margin={"l": 60, "r": 20, "t": 40 if title else 20, "b": 50},
        template="plotly_white",
        font={"family": "system-ui, sans-serif", "size": 13},
        legend={"orientation": "h", "y": -0.2},
        colorway=list(OKABE_ITO),
    )
    return fig


def pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"
