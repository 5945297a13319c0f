"""Static export of the report's Plotly figures: one kaleido batch, one browser start.

SVG keeps text and lines sharp; but WeasyPrint does not reorder right-to-left
words inside SVG text (docs/methodology.md §5), so a figure with any label in an RTL
script is exported as PNG instead.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.deferred import deferred

if TYPE_CHECKING:
    import kaleido
    import plotly.graph_objects as go
else:
    kaleido = deferred("kaleido")
    go = deferred("plotly.graph_objects")

#: Debian's chromium; ``BROWSER_PATH`` overrides it (kaleido honours it as well)
CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT, SCALE = 900, 420, 2


@dataclass(frozen=True)
class Chart:
    name: str
    path: Path
    format: str

    @property
    def uri(self) -> str:
        return self.path.as_uri()


def has_rtl(figure: go.Figure) -> bool:
    """Does any text of the figure contain a right-to-left letter?"""
    text = json.dumps(figure.to_plotly_json(), ensure_ascii=False, default=str)
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def browser() -> str:
    return os.environ.get("BROWSER_PATH", CHROMIUM)


def export(figures: Mapping[str, go.Figure], folder: Path) -> dict[str, Chart]:
    """Write every figure into ``folder`` in a single kaleido run; name → chart."""
    charts = {
        name: Chart(name, folder / f"{name}.{fmt}", fmt)
        for name, figure in figures.items()
        for fmt in ["png" if has_rtl(figure) else "svg"]
    }
    if not charts:
        return {}
    jobs = [
        {
            "fig": figures[name],
            "path": chart.path,
            "opts": {
                "format": chart.format,
                "width": WIDTH,
                "height": figures[name].layout.height or HEIGHT,
                "scale": SCALE if chart.format == "png" else 1,
            },
        }
        for name, chart in charts.items()
    ]
    kopts = {"path": browser(), "mathjax": False}
    kaleido.write_fig_from_object_sync(jobs, kopts=kopts)
    return charts
