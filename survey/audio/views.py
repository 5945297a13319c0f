"""Serving audio: ``/s/<site>/audio/<locale>/<clip>.opus`` (public, like the form).

The kiosk asks for the same files under ``/kiosk/audio/<site>/…``: inside its
service worker's scope, so that the worker keeps them for offline use.
"""

from __future__ import annotations

from flask import Blueprint, abort, send_file
from flask.typing import ResponseReturnValue

from survey.access import public
from survey.database import db
from survey.form import operations
from survey.i18n import locales

from . import store
from .paths import audio_root

bp = Blueprint("audio", __name__)

#: A clip of a questionnaire version never changes its words; a new recording may
#: replace a draft, so a day of caching (the kiosk's service worker keeps its own copy).
MAX_AGE = 24 * 3600


@bp.get("/s/<code>/audio/<lang>/<clip>.opus")
@bp.get("/kiosk/audio/<code>/<lang>/<clip>.opus", endpoint="kiosk_clip")
@public
def clip(code: str, lang: str, clip: str) -> ResponseReturnValue:
    site = operations.open_site(db.session, code)
    locale = locales.normalize(lang)
    if site is None or locale is None or locale not in operations.site_locales(site):
        abort(404)
    definition = operations.current_definition()
    path = store.resolve(audio_root(), definition, locale, clip, drafts=site.audio_drafts)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="audio/ogg", max_age=MAX_AGE, conditional=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
