"""What the provider's overview shows: all sites side by side, and wave comparisons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import Engine

from analysis import figures
from analysis.cells import ALL
from analysis.compare import compare
from analysis.mix import channel_mix
from analysis.summary import SummaryRow, summarize
from analysis.trend import trend

from .charts import Chart, count, interval, p_value, points, reliability, share
from .filters import Filters
from .labels import channel_labels, figure_labels, item_labels


def share_row(r: SummaryRow, *labels: str) -> list[str]:
    """A table row of a summary cell: its labels, then top-2 share, interval, n and note."""
    return [
        *labels,
        share(r.top2),
        interval(r.top2_low, r.top2_high),
        count(r.n, r.suppressed),
        reliability(r),
    ]


def heatmap_chart(engine: Engine, f: Filters) -> Chart:
    result = summarize(engine, by="all", **f.summary_args())
    names = item_labels()
    rows = [r for r in result.rows if r.site != ALL and r.item in names]
    sites = sorted({r.site for r in rows})
    items = list(names)
    fig = figures.heatmap(rows, sites, items, names, figure_labels(""))
    table = [share_row(r, r.site, names[r.item]) for r in rows]
    columns = [
        _("Standort"),
        _("Frage"),
        _("Anteil 4–5"),
        _("95-Prozent-Intervall"),
        _("n"),
        _("Hinweis"),
    ]
    note = _("* eingeschränkte Aussagekraft (10–29 Antworten)")
    return Chart("heatmap", _("Standorte × Fragen"), columns, table, fig, note=note)


def caterpillar_chart(engine: Engine, f: Filters) -> Chart:
    """CSAT per site: the top-2 share of ``overall`` with its Wilson interval, read from
    the summary (the same cells and figures as the headline's CSAT)."""
    result = summarize(engine, by="all", start=f.start, end=f.end, channel=f.channel)
    rows = [r for r in result.rows if r.item == "overall"]
    sites = [r for r in rows if r.site != ALL]
    network = next((r for r in rows if r.site == ALL), None)
    fig = figures.caterpillar(sites, network, figure_labels(""))
    table = [share_row(r, r.site if r.site != ALL else _("Netzwerk")) for r in rows]
    columns = [
        _("Standort"),
        _("Zufriedenheit (CSAT)"),
        _("95-Prozent-Intervall"),
        _("n"),
        _("Hinweis"),
    ]
    return Chart("caterpillar", _("Zufriedenheit je Standort mit Intervall"), columns, table, fig)


def multiples_chart(engine: Engine, f: Filters) -> Chart:
    rows = trend(engine, item=f.item, start=f.trend_start, end=f.end, channel=f.channel).rows
    sites = sorted({r.site for r in rows if r.site != ALL})
    fig = figures.small_multiples(rows, sites, figure_labels(""))
    table = [
        [
            r.site if r.site != ALL else _("Netzwerk"),
            r.period,
            share(r.share),
            count(r.n, r.suppressed),
        ]
        for r in rows
    ]
    columns = [_("Standort"), _("Monat"), _("Anteil 4–5"), _("n")]
    title = _("Verlauf aller Standorte: %(item)s", item=item_labels().get(f.item, f.item))
    return Chart("multiples", title, columns, table, fig)


def mix_chart(engine: Engine, f: Filters) -> Chart:
    rows = channel_mix(engine, start=f.start, end=f.end)
    names = channel_labels()
    fig = figures.channel_mix({r.site: r.channels for r in rows}, names, figure_labels(""))
    table = [
        [
            r.site,
            count(r.total, r.total == "<10"),
            *(
                count(r.channels[c], r.channels[c] is None or r.channels[c] == "<10")
                if r.channels[c] != 0
                else "0"
                for c in names
            ),
        ]
        for r in rows
    ]
    columns = [_("Standort"), _("Antworten"), *names.values()]
    return Chart("mix", _("Antworten und Kanäle je Standort"), columns, table, fig)


OVERVIEW_CHARTS: dict[str, Callable[[Engine, Filters], Chart]] = {
    "heatmap": heatmap_chart,
    "caterpillar": caterpillar_chart,
    "multiples": multiples_chart,
    "mix": mix_chart,
}


def overview(engine: Engine, f: Filters) -> list[Chart]:
    return [build(engine, f) for build in OVERVIEW_CHARTS.values()]


def waves_chart(
    engine: Engine, a: tuple[date, date], b: tuple[date, date], channel: str | None
) -> Chart:
    """Baseline (a) against follow-up (b) per site and item, and for the network."""
    result = compare(engine, a=a, b=b, channel=channel)
    names = item_labels()
    metric = {"top2": _("Anteil 4–5"), "mean": _("Mittelwert")}

    def value(m: str, v: float | None) -> str:
        return share(v) if m == "top2" else ("" if v is None else f"{v:.2f}")

    def diff(m: str, v: float | None) -> str:
        return points(v) if m == "top2" else ("" if v is None else f"{v:+.2f}")

    table = []
    for r in result.rows:
        if r.item not in names:
            continue
        marked = r.p_adj is not None and r.p_adj < 0.05
        table.append(
            [
                r.site if r.site != ALL else _("Netzwerk"),
                names[r.item],
                metric.get(r.metric, r.metric),
                count(r.n_a, r.suppressed),
                value(r.metric, r.a),
                count(r.n_b, r.suppressed),
                value(r.metric, r.b),
                diff(r.metric, r.diff),
                (_("keine Streuung in beiden Wellen: kein Intervall, kein Test") if r.note else "")
                if r.diff_low is None
                else f"{diff(r.metric, r.diff_low)} … {diff(r.metric, r.diff_high)}",
                p_value(r.p),
                p_value(r.p_adj),
                _("weniger als 10 Antworten") if r.suppressed else (_("ja") if marked else ""),
            ]
        )
    columns = [
        _("Standort"),
        _("Frage"),
        _("Maß"),
        _("n Basis"),
        _("Basis"),
        _("n Folge"),
        _("Folge"),
        _("Differenz"),
        _("95-Prozent-Intervall"),
        _("p"),
        _("p (Holm)"),
        _("auffällig (p Holm < 0,05)"),
    ]
    chart = Chart("waves", _("Wellenvergleich"), columns, table)
    chart.extra["warnings"] = [(w.site, w.shift) for w in result.warnings]
    return chart
