"""HTTP for the dashboards: parse the filters, check access, call an operation, render."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, g, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from analysis.compare import overlap
from survey.access import Capability, require
from survey.alerts.operations import firing_counts
from survey.alerts.texts import active_alerts
from survey.audit.operations import record
from survey.database import db
from survey.i18n import only
from survey.sites.models import Site

from . import operations, overview, periods
from .assets import with_plotly_styles
from .charts import Chart
from .comments import comment_cells, locales_with_answers
from .filters import Filters, from_query, month_start, wave, wave_text
from .labels import channel_labels, item_labels, topic_labels

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
bp.before_request(only)  # staff pages: German or English


@bp.after_request
def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return with_plotly_styles(response)


def _filters(site_id: int | None = None) -> Filters:
    """The request's filters. Without a period in the URL: the last 12 months, or, when
    they hold too few answers, the latest 12 months that have enough (as a custom period,
    so that every link from the page keeps it)."""
    latest = operations.anchor(db.engine)
    args: dict[str, str] = dict(request.args)
    if "period" not in args:
        anchor = periods.default_anchor(db.engine, site_id, args.get("channel"))
        if anchor is not None and month_start(anchor) != month_start(latest):
            start = month_start(anchor, periods.DEFAULT_MONTHS - 1)
            args.update({"period": "custom", "from": f"{start:%Y-%m}", "to": f"{anchor:%Y-%m}"})
    return from_query(args, latest, operations.scale_items())


def _choices() -> dict[str, Any]:
    return {"items": item_labels(), "channels": channel_labels(), "topics": topic_labels()}


def _csv(chart: Chart, target: str, f: Filters) -> Response:
    record(
        db.session,
        "dashboard.download",
        actor=current_user,
        target=target,
        chart=chart.key,
        rows=len(chart.rows),
        query=f.query(),
    )
    db.session.commit()
    name = f"{chart.key}-{target.replace(':', '-')}-{f.start:%Y-%m}-{f.end:%Y-%m}.csv"
    return Response(
        "\ufeff" + chart.csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/<site>")
@require(Capability.DASHBOARD, site="site")
def lead(site: Site) -> str:
    f = _filters(site.id)
    covered = periods.coverage(db.engine, f, site.id)
    charts = operations.lead_dashboard(db.engine, site.code, site.id, f) if covered.enough else []
    return render_template(
        "dashboard/lead.html",
        site=site,
        f=f,
        covered=covered,
        charts=charts,
        locales=locales_with_answers(db.session, g.scope, site, f),
        alerts=active_alerts(db.session, site),
        **_choices(),
    )


def _lead_csv(key: str) -> Any:
    def download(site: Site) -> Response:
        f = _filters()
        chart = operations.lead_chart(db.engine, key, site.code, site.id, f)
        return _csv(chart, f"site:{site.code}", f)

    download.__name__ = f"lead_{key}_csv"
    return require(Capability.DASHBOARD, site="site")(download)


for _key in operations.LEAD_CHARTS:
    bp.add_url_rule(f"/<site>/{_key}.csv", view_func=_lead_csv(_key), methods=["GET"])


@bp.get("/<site>/comments")
@require(Capability.COMMENTS, site="site")
def comments(site: Site) -> str:
    f = _filters(site.id)
    cells = comment_cells(db.session, g.scope, site, f)
    return render_template(
        "dashboard/comments.html",
        site=site,
        f=f,
        cells=cells,
        locales=locales_with_answers(db.session, g.scope, site, f),
        **_choices(),
    )


@bp.get("/")
@require(Capability.COMPARE)
def network() -> str:
    f = _filters()
    covered = periods.coverage(db.engine, f, None)
    return render_template(
        "dashboard/network.html",
        f=f,
        covered=covered,
        charts=overview.overview(db.engine, f) if covered.enough else [],
        sites=db.session.scalars(g.scope.sites()).all(),
        alert_counts=firing_counts(db.session, g.scope.site_ids),
        **_choices(),
    )


def _network_csv(key: str) -> Any:
    def download() -> Response:
        f = _filters()
        return _csv(overview.OVERVIEW_CHARTS[key](db.engine, f), "network", f)

    download.__name__ = f"network_{key}_csv"
    return require(Capability.COMPARE)(download)


for _key in overview.OVERVIEW_CHARTS:
    bp.add_url_rule(f"/{_key}.csv", view_func=_network_csv(_key), methods=["GET"])


def _waves() -> tuple[tuple[Any, Any], tuple[Any, Any], Filters]:
    f = _filters()
    a = wave(request.args.get("a")) or f.previous
    b = wave(request.args.get("b")) or (f.start, f.end)
    return a, b, f


def _overlap_message(a: tuple[Any, Any], b: tuple[Any, Any]) -> str | None:
    shared = overlap(a, b)
    if shared is None:
        return None
    first, last = (day.strftime("%Y-%m") for day in shared)
    return _(
        "Basis und Folge überschneiden sich (%(first)s bis %(last)s). Der Vergleich prüft zwei "
        "unabhängige Stichproben: Wählen Sie Wellen ohne gemeinsame Monate.",
        first=first,
        last=last,
    )


@bp.get("/waves")
@require(Capability.COMPARE)
def waves() -> tuple[str, int] | str:
    a, b, f = _waves()
    context = {"f": f, "a": wave_text(a), "b": wave_text(b), **_choices()}
    if message := _overlap_message(a, b):
        return render_template("dashboard/waves.html", chart=None, error=message, **context), 400
    chart = overview.waves_chart(db.engine, a, b, f.channel)
    return render_template("dashboard/waves.html", chart=chart, **context)


@bp.get("/waves.csv")
@require(Capability.COMPARE)
def waves_csv() -> Response | tuple[str, int, dict[str, str]]:
    a, b, f = _waves()
    if a is None or b is None:
        abort(400)
    if message := _overlap_message(a, b):
        return message, 400, {"Content-Type": "text/plain; charset=utf-8"}
    return _csv(overview.waves_chart(db.engine, a, b, f.channel), "network", f)
