"""The message for a report or export that the queue did not admit (HTTP 429)."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from .limits import Limits
from .queue import Refused


def message(refused: Refused) -> str:
    if refused.reason == "busy":
        return _(
            "Sie haben schon einen Bericht oder Export in Arbeit. Ein neuer kann "
            "beginnen, sobald er fertig ist."
        )
    return _(
        "Zurzeit sind schon %(n)s Berichte und Exporte in Arbeit oder in der Warteschlange. "
        "Bitte versuchen Sie es in einigen Minuten noch einmal.",
        n=Limits.of(current_app).capacity,
    )
