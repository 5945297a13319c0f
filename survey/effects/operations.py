"""What the effects pages show: the catalogue (cached, it is network-wide) cut down to what
the caller may see, and its charts with their data tables."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _

from analysis.effects.api import effects
from analysis.effects.catalogue import Catalogue, PooledRow
from analysis.effects.estimate import EffectRow, EventRow
from analysis.effects.notices import Notice
from analysis.figures.effects import EffectLabels, event_study, forest
from analysis.reports.effect_texts import describe
from survey.dashboard.cache import cached
from survey.dashboard.charts import Chart, count, p_value
from survey.measures.types import TYPES


def catalogue(bind: object) -> Catalogue:
    """The whole catalogue with the default windows (kept for the cache's lifetime)."""
    return cached(("effects", "catalogue"), lambda: effects(bind))  # type: ignore[arg-type]


def labels() -> EffectLabels:
    return EffectLabels(
        effect=_("Wirkung (nachher minus vorher, gegen Vergleichsstandorte)"),
        pooled=_("Gepoolt (Random Effects)"),
        month=_("Monate seit dem Start"),
        reference=_("Referenzmonat"),
        suppressed=_("weniger als 10 Antworten"),
    )


def notice(item: Notice | dict[str, object]) -> str:
    """A notice of an estimate, or a skipped measure's reason, in the request's language."""
    if isinstance(item, dict):
        item = Notice(str(item.get("code", "")))
    return describe(item, _, lambda share: format_percent(share, "#,##0 %"))


def type_label(code: str) -> str:
    return str(TYPES[code].label) if code in TYPES else code


def metric_label(item: str, metric: str) -> str:
    if metric == "top2":
        return _("%(item)s: Anteil 4–5 (Prozentpunkte)", item=item)
    if metric == "mean":
        return _("%(item)s: Mittelwert (Skalenpunkte)", item=item)
    if item == "referral":
        return _("%(item)s: Verweislücke (Prozentpunkte, weniger ist besser)", item=item)
    return _("%(item)s: Anteil „ja“ (Prozentpunkte)", item=item)


def figure(value: float | None, metric: str) -> str:
    if value is None:
        return ""
    if metric == "mean":
        return ("+" if value > 0 else "") + format_decimal(value, "#,##0.00")
    return ("+" if value > 0 else "") + format_decimal(value * 100, "#,##0.0") + " " + _("Pp.")


def _interval(low: float | None, high: float | None, metric: str) -> str:
    if low is None or high is None:
        return ""
    return f"{figure(low, metric)} – {figure(high, metric)}"


def _row(r: EffectRow) -> list[str]:
    return [
        f"{r.site} ({r.start})",
        r.label,
        count(r.n_pre, r.n_pre == "<10"),
        count(r.n_post, r.n_post == "<10"),
        str(r.comparison_sites),
        _("weniger als 10 Antworten") if r.suppressed else figure(r.estimate, r.metric),
        _interval(r.low, r.high, r.metric),
        p_value(r.p_adj),
        {True: _("ja"), False: _("nein"), None: "–"}[r.pre_trend],
        "; ".join(notice(n) for n in r.notices),
    ]


def columns() -> list[str]:
    return [
        _("Standort (Start)"),
        _("Maßnahme"),
        _("Antworten vorher"),
        _("Antworten nachher"),
        _("Vergleichsstandorte"),
        _("Wirkung"),
        _("95-%-Intervall"),
        _("p (Holm)"),
        _("Vortrend (Placebo)"),
        _("Hinweise"),
    ]


def forest_charts(result: Catalogue, sites: Sequence[str] | None = None) -> list[Chart]:
    """One chart per type × item × metric: the sites' estimates (all, or ``sites``) and the
    pooled estimate across the network, with the data table beside it."""
    pooled = {(p.type, p.item, p.metric): p for p in result.pooled}
    keys = sorted({(r.type, r.item, r.metric) for r in result.rows})
    charts = []
    for index, key in enumerate(keys):
        rows = [r for r in result.rows if (r.type, r.item, r.metric) == key]
        if sites is not None:
            rows = [r for r in rows if r.site in sites]
            if not rows:
                continue
        p = pooled.get(key)
        table = [_row(r) for r in rows]
        if p is not None:
            table.append(_pooled_row(p))
        charts.append(
            Chart(
                f"effect-{index}",
                f"{type_label(key[0])} – {metric_label(key[1], key[2])}",
                columns(),
                table,
                forest(rows, p, labels()),
            )
        )
    return charts


def _pooled_row(p: PooledRow) -> list[str]:
    return [
        _("Gepoolt über %(k)s Standorte", k=p.k),
        _(
            "I² %(i2)s, τ² %(tau2)s",
            i2=format_decimal(p.i2, "0.00"),
            tau2=format_decimal(p.tau2, "0.0000"),
        ),
        "",
        "",
        "",
        figure(p.estimate, p.metric),
        _interval(p.low, p.high, p.metric),
        p_value(p.p_adj),
        "",
        "",
    ]


def event_charts(result: Catalogue, measure: int) -> list[Chart]:
    """The event study of each of the measure's targeted item × metric."""
    charts = []
    for index, row in enumerate(r for r in result.rows if r.measure == measure):
        events = [
            e
            for e in result.events
            if (e.measure, e.item, e.metric) == (measure, row.item, row.metric)
        ]
        charts.append(
            Chart(
                f"event-{index}",
                metric_label(row.item, row.metric),
                [
                    _("Monat"),
                    _("Monate seit dem Start"),
                    _("Antworten"),
                    _("Wirkung"),
                    _("95-%-Intervall"),
                ],
                [_event_row(e, row.metric) for e in events],
                event_study(events, labels()) if events else None,
                note=_(
                    "Vortrend laut Placebo-Start ein Fenster früher: %(flag)s (%(value)s)",
                    flag={True: _("ja"), False: _("nein"), None: "–"}[row.pre_trend],
                    value=figure(row.placebo, row.metric) or "–",
                ),
            )
        )
    return charts


def _event_row(e: EventRow, metric: str) -> list[str]:
    return [
        e.month,
        str(e.k),
        count(e.n, e.n == "<10"),
        _("Referenzmonat") if e.k == -1 else figure(e.estimate, metric),
        "" if e.k == -1 else _interval(e.low, e.high, metric),
    ]
