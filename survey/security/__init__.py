"""Security: CSRF (Flask-WTF), response headers, cookies, proxy handling, rate limits.

Configuration (all also settable as ``SURVEY_*`` environment variables):

- ``SURVEY_HTTPS``: served over HTTPS; marks cookies ``Secure`` and sends HSTS.
- ``SURVEY_PROXY_FIX_X_FOR`` / ``_X_PROTO`` / ``_X_HOST`` / ``_X_PORT`` / ``_X_PREFIX``:
  how many reverse proxies set each ``X-Forwarded-*`` header (0: trust none).
- ``SURVEY_RATELIMIT_STORAGE_URI``: where rate-limit counters live; ``survey-memory://``
  for one process, ``redis://127.0.0.1:6379`` when several instances serve the app.
"""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from .errors import init_errors
from .headers import init_headers
from .limits import init_limits, limiter
from .proxy import init_proxy
from .request_input import init_request_input

csrf = CSRFProtect()

__all__ = ["csrf", "init_app", "limiter"]


def init_app(app: Flask) -> None:
    https = bool(app.config.get("SURVEY_HTTPS", False))
    # Flask's defaults are HttpOnly without SameSite: set both unless configured.
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config.get("SESSION_COOKIE_SECURE") or https)
    init_request_input(app)
    csrf.init_app(app)
    init_headers(app)
    init_proxy(app)
    init_limits(app)
    init_errors(app)
