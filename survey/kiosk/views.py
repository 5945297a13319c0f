"""Kiosk pages: the app shell (``/kiosk``), pairing (``/kiosk/pair``), manifest, service worker."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, send_from_directory, url_for
from flask.typing import ResponseReturnValue

from survey.access import public
from survey.i18n import only

from . import shell

bp = Blueprint("kiosk", __name__, url_prefix="/kiosk")


@bp.after_request
def lock_down(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = shell.CSP
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def shell_paths() -> list[str]:
    """URLs of the kiosk shell as a tablet fetches them (page, manifest, worker, assets)."""
    return [
        url_for("kiosk.app"),
        url_for("kiosk.manifest"),
        url_for("kiosk.service_worker"),
        *(url_for("static", filename=f"kiosk/{name}") for name in shell.ASSETS),
    ]


@bp.get("")
@public
def app() -> ResponseReturnValue:
    stylesheets = [name for name in shell.FONTS if name.endswith(".css")]
    return render_template(
        "kiosk/app.html", version=shell.version(), assets=shell.ASSETS, fonts=stylesheets
    )


@bp.get("/pair")
@public
def pair() -> ResponseReturnValue:
    only()  # staff pair the tablet: German or English, like the other staff pages
    return render_template("kiosk/pair.html", version=shell.version())


@bp.get("/manifest.webmanifest")
@public
def manifest() -> ResponseReturnValue:
    body = {
        "name": "Feedback – Kiosk",
        "short_name": "Feedback",
        "start_url": url_for(".app"),
        "scope": url_for(".app"),
        "display": "fullscreen",
        "orientation": "any",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [
            {
                "src": url_for("static", filename="kiosk/icon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
                "purpose": "any",
            }
        ],
    }
    response = current_app.json.response(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/sw.js")
@public
def service_worker() -> ResponseReturnValue:
    """The service worker, served from ``/kiosk/`` and allowed to control ``/kiosk``."""
    response = send_from_directory(shell.STATIC_DIR, "sw.js", max_age=0)
    response.headers["Service-Worker-Allowed"] = url_for(".app")
    response.headers["Cache-Control"] = "no-cache"
    return response
