"""Readable pages for refusals that come from the security layer itself."""

from __future__ import annotations

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import TooManyRequests

from .csrf import Refusal, refusal


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> ResponseReturnValue:
        message = _csrf_message(refusal(error))
        return render_template("security/refused.html", message=message), 400

    @app.errorhandler(TooManyRequests)
    def _too_many(error: TooManyRequests) -> ResponseReturnValue:
        message = _("Zu viele Versuche. Bitte warten Sie einige Minuten.")
        return render_template("security/refused.html", message=message), 429


def _csrf_message(kind: Refusal) -> str:
    if kind is Refusal.EXPIRED:
        return _(
            "Das Formular war zu lange offen und ist abgelaufen. "
            "Bitte laden Sie die Seite neu und senden Sie es noch einmal."
        )
    if kind is Refusal.MISSING:
        return _(
            "Dem Formular fehlte sein Sicherheitsmerkmal (oder Ihr Browser hat das "
            "Sitzungs-Cookie nicht gesendet). Bitte erlauben Sie Cookies für diese Seite, "
            "laden Sie sie neu und senden Sie das Formular noch einmal."
        )
    return _(
        "Das Formular passt nicht zu Ihrer Sitzung, zum Beispiel weil Sie sich inzwischen "
        "neu angemeldet haben. Bitte laden Sie die Seite neu und senden Sie es noch einmal."
    )
