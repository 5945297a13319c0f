"""The ``admin`` blueprint; the view modules attach their routes to it."""

from __future__ import annotations

from flask import Blueprint

from survey.i18n import only

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(only)  # staff pages: German or English
