from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select

from survey.access import public
from survey.database import db
from survey.i18n import only
from survey.sites.models import Site

bp = Blueprint("home", __name__)


@bp.get("/")
@public
def index() -> str:
    # German or English: each office's own form (/s/<code>) offers all 18 languages
    only()
    sites = db.session.scalars(select(Site).where(Site.enabled).order_by(Site.name)).all()
    return render_template("home/index.html", sites=sites)
