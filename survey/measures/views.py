"""HTTP for measures: the list of a site's measures, adding, changing and deleting one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from survey.access import Capability, require
from survey.database import db
from survey.i18n import only
from survey.sites.models import Site

from . import operations
from .forms import DeleteMeasureForm, MeasureForm
from .models import Measure
from .types import TYPES

bp = Blueprint("measures", __name__, url_prefix="/dashboard")
bp.before_request(only)  # staff pages: German or English


def _page(
    site: Site, form: MeasureForm, status: int = 200, editing: Measure | None = None
) -> ResponseReturnValue:
    measures = operations.measures_of(db.session, site)
    return render_template(
        "measures/index.html",
        site=site,
        form=form,
        measures=measures,
        delete=DeleteMeasureForm(),
        types=TYPES,
        editing=editing,
    ), status


def _data(form: MeasureForm) -> operations.MeasureData:
    return operations.MeasureData(
        form.day.data,
        form.label.data,
        form.note.data or "",
        form.type.data,
        tuple(form.items.data or ()),
        form.rollout_until.data,
        form.end_day.data,
    )


def _own(site: Site, measure: Measure) -> Measure:
    """The measure, when it is the site's (the scope has checked it is visible at all)."""
    if measure.site_id != site.id:
        abort(404)
    return measure


@bp.get("/<site>/measures")
@require(Capability.DASHBOARD, site="site")
def index(site: Site) -> ResponseReturnValue:
    return _page(site, MeasureForm())


@bp.post("/<site>/measures")
@require(Capability.MEASURES, site="site")
def add(site: Site) -> ResponseReturnValue:
    form = MeasureForm()
    if not form.validate_on_submit():
        return _page(site, form, 400)
    try:
        operations.add_measure_from(db.session, site, _data(form), actor=current_user)
    except operations.MeasureError as exc:
        form.label.errors = [*form.label.errors, str(exc)]
        return _page(site, form, 400)
    db.session.commit()
    flash(_("Maßnahme gespeichert."), "info")
    return redirect(url_for("measures.index", site=site.code))


@bp.get("/<site>/measures/<int:measure_id>")
@require(Capability.MEASURES, site="site", measure_id="measure")
def edit(site: Site, measure: Measure) -> ResponseReturnValue:
    measure = _own(site, measure)
    form = MeasureForm(obj=measure)
    form.items.data = measure.targets
    return _page(site, form, editing=measure)


@bp.post("/<site>/measures/<int:measure_id>")
@require(Capability.MEASURES, site="site", measure_id="measure")
def update(site: Site, measure: Measure) -> ResponseReturnValue:
    measure = _own(site, measure)
    form = MeasureForm()
    if not form.validate_on_submit():
        return _page(site, form, 400, editing=measure)
    try:
        operations.update_measure(db.session, site, measure.id, _data(form), actor=current_user)
    except operations.MeasureError as exc:
        db.session.rollback()
        form.label.errors = [*form.label.errors, str(exc)]
        return _page(site, form, 400, editing=measure)
    db.session.commit()
    flash(_("Maßnahme geändert."), "info")
    return redirect(url_for("measures.index", site=site.code))


@bp.post("/<site>/measures/delete")
@require(Capability.MEASURES, site="site")
def delete(site: Site) -> ResponseReturnValue:
    form = DeleteMeasureForm()
    if not form.validate_on_submit():
        abort(400)
    if not operations.delete_measure(db.session, site, form.measure.data, actor=current_user):
        abort(404)
    db.session.commit()
    flash(_("Maßnahme gelöscht."), "info")
    return redirect(url_for("measures.index", site=site.code))
