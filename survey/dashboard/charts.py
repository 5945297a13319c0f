"""A chart as the dashboards show it: the figure, its data table, and its CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from analysis.deferred import deferred

if TYPE_CHECKING:
    import plotly.graph_objects as go
else:
    go = deferred("plotly.graph_objects")
from flask_babel import format_date, format_decimal, format_percent
from flask_babel import gettext as _


@dataclass
class Chart:
    key: str
    title: str
    #: the accessible alternative and the CSV: exactly the figure's numbers
    columns: list[str]
    rows: list[list[str]]
    figure: go.Figure | None = None
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def figure_json(self) -> str:
        """The figure as JSON safe inside ``<script type="application/json">``."""
        if self.figure is None:
            return ""
        text = self.figure.to_json()
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()


def share(value: float | None) -> str:
    return "" if value is None else format_percent(value, "#,##0.0%")


def interval(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return ""
    return f"{share(low)} – {share(high)}"


def points(value: float | None) -> str:
    """A difference of shares, in percentage points with sign."""
    if value is None:
        return ""
    return ("+" if value > 0 else "") + format_decimal(value * 100, "#,##0.0") + " " + _("Pp.")


def p_value(value: float | None) -> str:
    if value is None:
        return ""
    return "< 0,001" if value < 0.001 else format_decimal(value, "0.000")


def count(n: int | str | None, suppressed: bool = False) -> str:
    """n as shown: the number; "fewer than 10" (primary); for a cell hidden to
    protect another (its n is None) a note that says so, since it is not below 10."""
    if suppressed and n is None:
        return _("verborgen zum Schutz kleiner Zellen")
    if suppressed or n is None or isinstance(n, str):
        return _("weniger als 10 Antworten") if suppressed or n else "–"
    return format_decimal(n, "#,##0")


def measures_by_month(marks: Sequence[tuple[date, str]]) -> dict[str, str]:
    """``YYYY-MM`` → the measures of that month as "day: label; …" (for data tables)."""
    out: dict[str, list[str]] = {}
    for day, label in marks:
        out.setdefault(f"{day:%Y-%m}", []).append(f"{format_date(day, 'short')}: {label}")
    return {month: "; ".join(items) for month, items in out.items()}


def reliability(row: object) -> str:
    if getattr(row, "suppressed", False):
        return count(getattr(row, "n", "<10"), True)
    if getattr(row, "limited", False):
        return _("eingeschränkte Aussagekraft")
    return ""
