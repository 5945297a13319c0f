"""The ``admin`` blueprint; the view modules attach their routes to it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
