"""``/start``: the page every staff member lands on after signing in. HTTP only."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from survey.access import Capability, require
from survey.database import db
from survey.i18n import only

from . import operations
from .menu import staff_menu

bp = Blueprint("start", __name__)
bp.before_request(only)  # staff pages: German or English
bp.add_app_template_global(staff_menu)


@bp.get("/start")
@require(Capability.ACCOUNT)
def index() -> ResponseReturnValue:
    """Admins, providers and single-site users go on to their page; others pick a site."""
    endpoint, args = operations.landing(current_user)
    if endpoint != "start.index":
        return redirect(url_for(endpoint, **args))
    sites = sorted(current_user.sites, key=lambda site: site.name)
    return render_template("start/index.html", sites=operations.headlines(db.engine, sites))
