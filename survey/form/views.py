"""HTTP only: find the site, pick the locale, render."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, render_template, request

from survey.database import db
from survey.i18n import use_site

from . import messages, operations

bp = Blueprint("form", __name__)


@bp.get("/s/<code>")
def show(code: str) -> str:
    site = operations.open_site(db.session, code)
    if site is None:
        abort(404)
    use_site(site)
    return render_template(
        "form/form.html",
        site=site,
        definition=operations.current_definition(),
        response_id=uuid.uuid4(),
    )


@bp.get("/privacy")
def privacy() -> str:
    site = operations.open_site(db.session, request.args.get("site", ""))
    if site is not None:
        use_site(site)
    days = site.comment_retention_days if site else operations.DEFAULT_RETENTION_DAYS
    return render_template("form/privacy.html", site=site, retention_days=days)


@bp.get("/accessibility")
def accessibility() -> str:
    site = operations.open_site(db.session, request.args.get("site", ""))
    if site is not None:
        use_site(site)
    return render_template("form/accessibility.html", site=site)


@bp.errorhandler(404)
def not_found(error: Exception) -> tuple[str, int]:
    use_site(None)  # the picker offers every locale on the error page
    return render_template("form/not_found.html", messages=messages), 404
