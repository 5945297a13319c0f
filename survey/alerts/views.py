"""HTTP for alert rules: the rules of a site with their state, saving and deleting one."""

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
from .forms import DeleteRuleForm, RuleForm
from .texts import describe, kind_labels

bp = Blueprint("alerts", __name__, url_prefix="/dashboard")
bp.before_request(only)  # staff pages: German or English


def _page(site: Site, form: RuleForm, status: int = 200) -> ResponseReturnValue:
    alerts = operations.site_alerts(db.session, site)
    return render_template(
        "alerts/rules.html",
        site=site,
        form=form,
        alerts=[(a, describe(a)) for a in alerts],
        kinds=kind_labels(),
        delete=DeleteRuleForm(),
    ), status


@bp.get("/<site>/alerts")
@require(Capability.ALERTS, site="site")
def rules(site: Site) -> ResponseReturnValue:
    return _page(site, RuleForm())


@bp.post("/<site>/alerts")
@require(Capability.ALERTS, site="site")
def save(site: Site) -> ResponseReturnValue:
    form = RuleForm()
    if not form.validate_on_submit():
        return _page(site, form, 400)
    try:
        operations.save_rule(
            db.session,
            site,
            form.kind.data,
            float(form.threshold.data) / 100,
            form.last_n.data,
            form.recipients.data or "",
            actor=current_user,
        )
    except operations.AlertError as exc:
        db.session.rollback()
        form.recipients.errors = [*form.recipients.errors, str(exc)]
        return _page(site, form, 400)
    db.session.commit()
    flash(_("Regel gespeichert."), "info")
    return redirect(url_for("alerts.rules", site=site.code))


@bp.post("/<site>/alerts/delete")
@require(Capability.ALERTS, site="site")
def delete(site: Site) -> ResponseReturnValue:
    form = DeleteRuleForm()
    if not form.validate_on_submit():
        abort(400)
    if not operations.delete_rule(db.session, site, form.rule.data, actor=current_user):
        abort(404)
    db.session.commit()
    flash(_("Regel gelöscht."), "info")
    return redirect(url_for("alerts.rules", site=site.code))
