"""HTTP for measures: the list of a site's measures, adding and deleting one."""

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

bp = Blueprint("measures", __name__, url_prefix="/dashboard")
bp.before_request(only)  # staff pages: German or English


def _page(site: Site, form: MeasureForm, status: int = 200) -> ResponseReturnValue:
    measures = operations.measures_of(db.session, site)
    return render_template(
        "measures/index.html", site=site, form=form, measures=measures, delete=DeleteMeasureForm()
    ), status


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
        operations.add_measure(
            db.session, site, form.day.data, form.label.data, form.note.data, actor=current_user
        )
    except operations.MeasureError as exc:
        form.label.errors = [*form.label.errors, str(exc)]
        return _page(site, form, 400)
    db.session.commit()
    flash(_("Maßnahme gespeichert."), "info")
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
