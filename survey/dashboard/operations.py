"""What the office lead's dashboard shows: each chart from the analysis engine.

Every number comes from :mod:`analysis` (aggregates of the tallies); this
module chooses the rows, translates the labels and builds figure and table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Engine, func, select

from analysis import figures
from analysis.cells import ALL
from analysis.compare import compare
from analysis.drivers import TooFewResponses, drivers
from analysis.headline import headline
from analysis.network import versus_rest
from analysis.source import tally_response_t
from analysis.summary import summarize, summarize_groups
from analysis.trend import trend
from survey.measures.operations import site_marks

from .cache import cached
from .charts import Chart, count, interval, measures_by_month, points, reliability, share
from .filters import Filters
from .labels import channel_labels, figure_labels, indicator_labels, item_labels, topic_labels

#: drivers: a smaller bootstrap than the CLI's, for a page that answers in time
DRIVER_BOOTSTRAP = 60


def anchor(engine: Engine) -> date:
    """The last day with answers (presets count back from its month)."""
    with engine.connect() as conn:
        last = conn.scalar(select(func.max(tally_response_t.c.day)))
    if isinstance(last, str):
        last = date.fromisoformat(last)
    return last or date.today()


def data_version(engine: Engine) -> tuple[Any, ...]:
    """Changes whenever a response is added or removed: the size of the response tally."""
    t = tally_response_t
    with engine.connect() as conn:
        row = conn.execute(select(func.count(), func.sum(t.c.n), func.max(t.c.day))).one()
    return tuple(str(v) for v in row)


def scale_items() -> list[str]:
    return list(item_labels())


def network_headline(engine: Engine, start: date, end: date, channel: str | None) -> list[Any]:
    """The headline rows of every site and the network for a period (cached: see .cache)."""
    key = ("headline", str(engine.url), data_version(engine), start, end, channel)
    return cached(
        key,
        lambda: headline(engine, by="all", start=start, end=end, channel=channel).rows,
    )


def headline_chart(engine: Engine, site: str, f: Filters) -> Chart:
    now = network_headline(engine, f.start, f.end, f.channel)
    before = network_headline(engine, *f.previous, f.channel)
    change = [
        r
        for r in compare(
            engine, a=f.previous, b=(f.start, f.end), sites=[site], channel=f.channel
        ).rows
        if r.site == site and r.item == "overall" and r.metric == "top2"
    ]
    versus = [
        r
        for r in versus_rest(engine, period=(f.start, f.end), sites=[site], channel=f.channel).rows
        if r.site == site and r.item == "overall" and r.metric == "top2"
    ]
    names = indicator_labels()
    rows, cards = [], []
    for indicator, name in names.items():
        own = next((r for r in now if r.site == site and r.indicator == indicator), None)
        net = next((r for r in now if r.site == ALL and r.indicator == indicator), None)
        prev = next((r for r in before if r.site == site and r.indicator == indicator), None)
        diff = change[0] if indicator == "csat" and change else None
        vs = versus[0] if indicator == "csat" and versus else None
        row = [
            name,
            share(own.share) if own else "",
            interval(own.share_low, own.share_high) if own else "",
            count(own.n, own.suppressed) if own else "–",
            reliability(own) if own else "",
            share(prev.share) if prev else "",
            points(diff.diff) if diff else "",
            interval(diff.diff_low, diff.diff_high).replace("%", "") if diff else "",
            share(net.share) if net else "",
            points(vs.diff) if vs else "",
        ]
        rows.append(row)
        cards.append({"name": name, "row": row, "suppressed": bool(own and own.suppressed)})
    columns = [
        _("Kennzahl"),
        _("Wert"),
        _("95-Prozent-Intervall"),
        _("n"),
        _("Hinweis"),
        _("Vorperiode"),
        _("Änderung zur Vorperiode"),
        _("Intervall der Änderung"),
        _("Netzwerk"),
        _("Abstand zum übrigen Netzwerk"),
    ]
    chart = Chart("headline", _("Kennzahlen"), columns, rows)
    chart.extra["cards"] = cards
    return chart


def trend_chart(
    engine: Engine, site: str, f: Filters, marks: Sequence[tuple[date, str]] = ()
) -> Chart:
    """The monthly p-chart; ``marks`` are the site's measures (day, label), drawn as
    vertical marks and listed in the table's month rows."""
    span = {"start": f.trend_start, "end": f.end, "channel": f.channel}
    rows = trend(engine, item=f.item, sites=[site], **span).rows
    own = [r for r in rows if r.site == site]
    net = [r for r in rows if r.site == ALL]
    months = summarize(engine, sites=[site], by="month", **span).rows
    band = {
        r.period: (r.top2_low, r.top2_high) for r in months if r.site == site and r.item == f.item
    }
    fig = figures.trend(own, net, figure_labels(site), intervals=band, marks=marks)
    network = {r.period: r for r in net}
    measures = measures_by_month(marks)
    table = [
        [
            r.period,
            share(r.share),
            interval(*band.get(r.period, (None, None))),
            count(r.n, r.suppressed),
            share(r.low),
            share(r.high),
            _("ja") if r.flag else "",
            share(network[r.period].share) if r.period in network else "",
            measures.get(r.period, ""),
        ]
        for r in own
    ]
    columns = [
        _("Monat"),
        _("Anteil 4–5"),
        _("95-Prozent-Intervall"),
        _("n"),
        _("untere Grenze"),
        _("obere Grenze"),
        _("außerhalb der Grenzen"),
        _("Netzwerk"),
        _("Maßnahmen"),
    ]
    title = _("Verlauf: %(item)s", item=item_labels().get(f.item, f.item))
    return Chart("trend", title, columns, table, fig)


def profile_chart(engine: Engine, site: str, f: Filters) -> Chart:
    result = summarize(engine, sites=[site], by="all", **f.summary_args())
    names = item_labels()
    own = [r for r in result.rows if r.site == site and r.item in names]
    net = [r for r in result.rows if r.site == ALL and r.item in names]
    fig = figures.profile(own, net, names, figure_labels(site))
    network = {r.item: r for r in net}
    table = [
        [
            names[r.item],
            share(r.top2),
            interval(r.top2_low, r.top2_high),
            count(r.n, r.suppressed),
            reliability(r),
            share(network[r.item].top2) if r.item in network else "",
            interval(network[r.item].top2_low, network[r.item].top2_high)
            if r.item in network
            else "",
        ]
        for r in own
    ]
    columns = [
        _("Frage"),
        _("Anteil 4–5"),
        _("95-Prozent-Intervall"),
        _("n"),
        _("Hinweis"),
        _("Netzwerk"),
        _("Intervall Netzwerk"),
    ]
    return Chart("profile", _("Fragenprofil: Standort und Netzwerk"), columns, table, fig)


def drivers_chart(engine: Engine, site: str, f: Filters) -> Chart:
    columns = [_("Frage"), _("Wichtigkeit"), _("95-Prozent-Intervall"), _("Leistung (Anteil 4–5)")]
    title = _("Treiber der Gesamtzufriedenheit")
    try:
        result = drivers(
            engine,
            sites=[site],
            start=f.start,
            end=f.end,
            channel=f.channel,
            bootstrap=DRIVER_BOOTSTRAP,
        )
    except TooFewResponses:
        return Chart("drivers", title, columns, [], note=_("Zu wenige vollständige Antworten."))
    names = item_labels()
    r2 = result.r2 or 1.0
    table = [
        [
            names.get(d.item, d.item),
            share(d.share),
            interval(d.weight_low / r2, d.weight_high / r2),
            share(d.top2),
        ]
        for d in result.drivers
    ]
    fig = figures.drivers_matrix(result, names, figure_labels(site))
    note = _(
        "Stichprobe: %(n)s von %(total)s vollständigen Antworten",
        n=result.sample,
        total=result.population,
    )
    return Chart("drivers", title, columns, table, fig, note=note)


def breakdown_chart(engine: Engine, site: str, f: Filters) -> Chart:
    """CSAT (top-2 of the chosen item) by channel, locale and topic, each its own cell.

    One grouped query per breakdown (:func:`analysis.summary.summarize_groups`), the
    same figures as one ``summarize()`` per channel, locale and topic. Each breakdown
    is one family under the disclosure policy, its total the site's figure over all
    channels: so locale and topic are never crossed with the channel filter (one
    breakdown dimension at a time)."""
    span = {"sites": [site], "start": f.start, "end": f.end}
    by_channel = summarize_groups(engine, "channel", **span)
    by_locale = summarize_groups(engine, "locale", **span)
    by_topic = summarize_groups(engine, "topic", **span)
    groups: list[tuple[str, str, object]] = []
    parts = [
        (_("Kanal"), [(by_channel.get(c), name) for c, name in channel_labels().items()]),
        (_("Sprache"), [(by_locale[locale], locale) for locale in by_locale]),
        (_("Thema"), [(by_topic.get(t), name) for t, name in topic_labels().items()]),
    ]
    for kind, summaries in parts:
        for summary, name in summaries:
            if summary is not None:
                groups += [
                    (kind, name, r) for r in summary.rows if r.site == site and r.item == f.item
                ]
    fig = figures.breakdown(
        [(f"{kind}: {name}", r) for kind, name, r in groups], figure_labels(site)
    )
    table = [
        [
            kind,
            name,
            share(r.top2),
            interval(r.top2_low, r.top2_high),  # type: ignore[attr-defined]
            count(r.n, r.suppressed),
            reliability(r),
        ]  # type: ignore[attr-defined]
        for kind, name, r in groups
    ]
    columns = [
        _("Aufteilung"),
        _("Gruppe"),
        _("Anteil 4–5"),
        _("95-Prozent-Intervall"),
        _("n"),
        _("Hinweis"),
    ]
    title = _(
        "Aufteilung nach Kanal, Sprache und Thema: %(item)s", item=item_labels().get(f.item, f.item)
    )
    note = _("Alle Kanäle; verborgene Gruppen schützen kleine Zellen.") if f.channel else ""
    return Chart("breakdown", title, columns, table, fig, note=note)


LEAD_CHARTS: dict[str, Callable[..., Chart]] = {
    "headline": headline_chart,
    "trend": trend_chart,
    "profile": profile_chart,
    "drivers": drivers_chart,
    "breakdown": breakdown_chart,
}


def lead_chart(engine: Engine, key: str, site: str, site_id: int, f: Filters) -> Chart:
    """One chart of ``site``'s dashboard (``site_id`` finds the site's measures)."""
    if key == "trend":
        return trend_chart(engine, site, f, site_marks(engine, site_id, f.trend_start, f.end))
    return LEAD_CHARTS[key](engine, site, f)


def lead_dashboard(engine: Engine, site: str, site_id: int, f: Filters) -> list[Chart]:
    return [lead_chart(engine, key, site, site_id, f) for key in LEAD_CHARTS]


__all__ = ["anchor", "lead_chart", "lead_dashboard", "scale_items"]
