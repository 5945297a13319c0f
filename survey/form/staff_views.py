"""Leads' pages for the online form: invitation codes and the QR poster of a site."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from survey.access import Capability, require
from survey.database import db
from survey.i18n import only
from survey.sites.models import Site

from . import invitations
from .poster import form_url, render_pdf

bp = Blueprint("form_staff", __name__, url_prefix="/admin")
bp.before_request(only)  # staff pages: German or English


class BatchForm(FlaskForm):
    count = IntegerField(
        _l("Anzahl Codes"),
        default=100,
        validators=[InputRequired(), NumberRange(min=1, max=invitations.MAX_BATCH)],
    )


@bp.route("/sites/<site>/invitations", methods=["GET", "POST"])
@require(Capability.INVITATIONS, site="site")
def invitation_codes(site: Site) -> ResponseReturnValue:
    form = BatchForm()
    codes: list[str] = []
    if form.validate_on_submit():
        with db.engine.begin() as conn:
            codes = invitations.generate(conn, site.id, form.count.data or 0)
    return render_template(
        "form/staff/invitations.html",
        site=site,
        form=form,
        codes=codes,
        poster=bool(current_app.config.get("SURVEY_PUBLIC_URL")),
        no_public_url=no_public_url,
    )


def no_public_url() -> str:
    return _(
        "Das QR-Plakat braucht die öffentliche Adresse des Fragebogens. "
        "Bitte lassen Sie SURVEY_PUBLIC_URL in der Konfiguration setzen."
    )


@bp.get("/sites/<site>/poster.pdf")
@require(Capability.INVITATIONS, site="site")
def poster(site: Site) -> ResponseReturnValue:
    # Only the configured address: the Host header is the client's to choose.
    base = current_app.config.get("SURVEY_PUBLIC_URL")
    if not base:
        return render_template("security/refused.html", message=no_public_url()), 409
    pdf = render_pdf(site, form_url(base, site.code))
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="poster-{site.code}.pdf"'},
    )
