"""The provider's page for the scale presentation of each site (faces or not).

HTTP only: ``survey.sites.presentation`` switches and audit-logs.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from survey.access import Capability, require
from survey.database import db
from survey.responses import presentation
from survey.sites.models import Site
from survey.sites.presentation import overview, set_presentation

from . import operations
from .blueprint import bp
from .forms import PresentationForm


@bp.get("/presentation")
@require(Capability.QUESTIONNAIRES)
def presentation_page() -> ResponseReturnValue:
    sites = operations.visible_sites(db.session, g.scope)
    rows = overview(db.session, sites)
    forms = {row.code: PresentationForm(version=row.version, prefix=row.code) for row in rows}
    return render_template(
        "admin/presentation.html", rows=rows, forms=forms, name_of=presentation.name_of
    )


@bp.post("/presentation/<site>")
@require(Capability.QUESTIONNAIRES, site="site")
def presentation_set(site: Site) -> ResponseReturnValue:
    form = PresentationForm(prefix=site.code)
    if not form.validate_on_submit():
        abort(400)
    if set_presentation(db.session, site, form.version.data, actor=current_user):
        flash(_("Darstellung der Skala für %(code)s geändert.", code=site.code), "info")
    db.session.commit()
    return redirect(url_for("admin.presentation_page"))
