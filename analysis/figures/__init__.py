"""Plotly figures of the analysis results: data in, ``go.Figure`` out.

Pure functions shared by the dashboards and the PDF reports. They take the
rows :mod:`analysis` produces and labels already translated by the caller
(:class:`Labels`), and compute nothing themselves: every number drawn is a
number of the rows. A suppressed cell is drawn as the note
``labels.suppressed`` ("fewer than 10 answers"), never as a number.
"""

from __future__ import annotations

from .network import caterpillar, channel_mix, heatmap, small_multiples
from .site import breakdown, drivers_matrix, profile, trend
from .style import OKABE_ITO, Labels

__all__ = [
    "OKABE_ITO",
    "Labels",
    "breakdown",
    "caterpillar",
    "channel_mix",
    "drivers_matrix",
    "heatmap",
    "profile",
    "small_multiples",
    "trend",
]
