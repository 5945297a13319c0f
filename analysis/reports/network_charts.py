"""The publication's figures, from the dashboard's figure functions (analysis.figures)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from analysis.deferred import deferred

if TYPE_CHECKING:
    import plotly.graph_objects as go
else:
    go = deferred("plotly.graph_objects")

from .. import figures
from .items import LABELS, SCALE_ITEMS
from .network import NetworkReport
from .network_effects import forest_figures
from .site_charts import item_labels, labels


def network_figures(report: NetworkReport, gettext: Callable[[str], str]) -> dict[str, go.Figure]:
    text = labels(gettext)
    names = item_labels(gettext)
    sites = list(report.sites)
    network = next((r for r in report.network_items() if r.item == "overall"), None)
    heat = figures.heatmap(report.summary, sites, list(SCALE_ITEMS), names, text)
    heat.update_layout(height=max(420, 28 * len(sites) + 160))
    forests = forest_figures(report.effects, gettext) if report.effects else {}
    return {
        **forests,
        "heatmap": heat,
        "caterpillar": figures.caterpillar(report.overall(), network, text),
        "channels": figures.channel_mix(
            {s: report.channels[s] for s in sites},
            {c: gettext(LABELS[c]) for c in ("kiosk", "online", "paper")},
            text,
        ),
    }
