"""HTTP for the effects of measures: the catalogue (provider), a site's measures (lead),
one measure's event study, and the CSV of the estimates."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from analysis.effects.estimate import EffectRow
from analysis.output import to_csv
from survey.access import Capability, require
from survey.audit.operations import record
from survey.dashboard.assets import with_plotly_styles
from survey.database import db
from survey.i18n import only
from survey.measures.models import Measure
from survey.sites.models import Site

from . import operations

bp = Blueprint("effects", __name__, url_prefix="/dashboard")
bp.before_request(only)  # staff pages: German or English


@bp.after_request
def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return with_plotly_styles(response)


def _csv(rows: list[EffectRow], target: str) -> Response:
    record(db.session, "effects.download", actor=current_user, target=target, rows=len(rows))
    db.session.commit()
    return Response(
        "\ufeff" + to_csv(rows, EffectRow),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="effects-{target}.csv"'},
    )


@bp.get("/effects")
@require(Capability.COMPARE)
def catalogue() -> str:
    result = operations.catalogue(db.engine)
    return render_template(
        "effects/catalogue.html",
        result=result,
        charts=operations.forest_charts(result),
        csv_url=request.path + ".csv",
        notice=operations.notice,
    )


@bp.get("/effects.csv")
@require(Capability.COMPARE)
def catalogue_csv() -> Response:
    return _csv(operations.catalogue(db.engine).rows, "network")


@bp.get("/<site>/effects")
@require(Capability.DASHBOARD, site="site")
def site_effects(site: Site) -> str:
    result = operations.catalogue(db.engine)
    return render_template(
        "effects/site.html",
        site=site,
        result=result,
        measures=list({r.measure: r for r in result.rows if r.site == site.code}.values()),
        charts=operations.forest_charts(result, sites=[site.code]),
        csv_url=request.path + ".csv",
    )


@bp.get("/<site>/effects.csv")
@require(Capability.DASHBOARD, site="site")
def site_effects_csv(site: Site) -> Response:
    rows = [r for r in operations.catalogue(db.engine).rows if r.site == site.code]
    return _csv(rows, site.code)


@bp.get("/<site>/effects/<int:measure_id>")
@require(Capability.DASHBOARD, site="site", measure_id="measure")
def measure_effects(site: Site, measure: Measure) -> str:
    result = operations.catalogue(db.engine)
    rows = [r for r in result.rows if r.measure == measure.id and r.site == site.code]
    return render_template(
        "effects/measure.html",
        site=site,
        measure=measure,
        rows=rows,
        result=result,
        charts=operations.event_charts(result, measure.id),
        csv_url=request.path.rsplit("/", 1)[0] + ".csv",
        notice=operations.notice,
    )
