"""Readable pages for refusals that come from the security layer itself."""

from __future__ import annotations

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import TooManyRequests


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> ResponseReturnValue:
        message = _(
            "Das Formular ist abgelaufen oder kam nicht von dieser Seite. "
            "Bitte laden Sie die Seite neu und senden Sie es noch einmal."
        )
        return render_template("security/refused.html", message=message), 400

    @app.errorhandler(TooManyRequests)
    def _too_many(error: TooManyRequests) -> ResponseReturnValue:
        message = _("Zu viele Versuche. Bitte warten Sie einige Minuten.")
        return render_template("security/refused.html", message=message), 429
