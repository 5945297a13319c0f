"""Rate limits per client (Flask-Limiter), e.g. on the login form."""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from . import memory_limits  # noqa: F401 - registers survey-memory://

#: Keyed by the client address (behind a proxy: set SURVEY_PROXY_FIX_X_FOR).
limiter = Limiter(key_func=get_remote_address)

#: Attempts per client address at the password and second-factor forms.
LOGIN_LIMIT = "10 per minute; 60 per hour"


def init_limits(app: Flask) -> None:
    # Set explicitly, so that each app gets its own setting and storage
    # (memory of the process by default; Redis for several instances).
    app.config["RATELIMIT_STORAGE_URI"] = app.config.get(
        "SURVEY_RATELIMIT_STORAGE_URI"
    ) or app.config.get("RATELIMIT_STORAGE_URI", "survey-memory://")
    app.config["RATELIMIT_ENABLED"] = bool(app.config.get("RATELIMIT_ENABLED", True))
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "survey")
    limiter.init_app(app)
