"""The site report's figures, from the dashboard's figure functions (analysis.figures)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from analysis.deferred import deferred

if TYPE_CHECKING:
    import plotly.graph_objects as go
else:
    go = deferred("plotly.graph_objects")

from .. import figures
from .items import FIGURE_LABELS, LABELS, SCALE_ITEMS
from .site import SiteReport


def labels(gettext: Callable[[str], str]) -> figures.Labels:
    return figures.Labels(**{k: gettext(v) for k, v in FIGURE_LABELS.items()})


def item_labels(gettext: Callable[[str], str]) -> dict[str, str]:
    return {code: gettext(LABELS[code]) for code in SCALE_ITEMS}


def site_figures(report: SiteReport, gettext: Callable[[str], str]) -> dict[str, go.Figure]:
    text = labels(gettext)
    names = item_labels(gettext)
    found = {
        "trend": figures.trend(report.trend, report.network_trend, text, marks=report.measures),
        "profile": figures.profile(
            [row for row, _ in report.items],
            [net for _, net in report.items if net is not None],
            names,
            text,
        ),
    }
    if report.drivers_result is not None:
        found["drivers"] = figures.drivers_matrix(report.drivers_result, names, text)
    return found
