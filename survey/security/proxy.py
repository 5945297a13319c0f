"""Werkzeug's ProxyFix, switched on by configuration for a reverse proxy."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

#: config key → ProxyFix argument: how many proxies set that header.
PROXY_SETTINGS = {
    "SURVEY_PROXY_FIX_X_FOR": "x_for",
    "SURVEY_PROXY_FIX_X_PROTO": "x_proto",
    "SURVEY_PROXY_FIX_X_HOST": "x_host",
    "SURVEY_PROXY_FIX_X_PORT": "x_port",
    "SURVEY_PROXY_FIX_X_PREFIX": "x_prefix",
}


def init_proxy(app: Flask) -> None:
    counts = {arg: int(app.config.get(key) or 0) for key, arg in PROXY_SETTINGS.items()}
    if any(counts.values()):
        app.wsgi_app = ProxyFix(app.wsgi_app, **counts)  # type: ignore[method-assign]
