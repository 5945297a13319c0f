"""German msgids of the effects' notices (:mod:`analysis.effects.notices`), for the PDF
and the web pages: the caller passes its ``gettext`` and a way to write a share."""

from __future__ import annotations

from collections.abc import Callable

from ..effects import notices
from ..effects.notices import Notice
from .items import N_

MESSAGES = {
    notices.OTHER_MEASURES: N_("Weitere Maßnahmen an diesem Standort im Zeitraum: %(measures)s"),
    notices.NO_PLACEBO: N_("Kein Placebo-Start: zu wenige Antworten ein Fenster früher"),
    notices.PRE_TREND: N_("Vortrend: Der Placebo-Start ein Fenster früher zeigt eine Wirkung"),
    notices.NO_COMPARISON: N_("Kein Vergleichsstandort ohne Maßnahme derselben Art"),
    notices.NO_ANSWERS: N_(
        "Keine Antworten vorher und nachher am Standort oder an einem Vergleichsstandort"
    ),
    notices.FEW_COMPARISON: N_("Nur %(sites)s Vergleichsstandort(e) mit Antworten"),
    notices.ENDED_EARLY: N_("Die Maßnahme endete, bevor ein Zeitraum danach beginnen konnte"),
    notices.NO_PLACEBO_ROOM: N_("Kein Platz für einen Placebo-Zeitraum vor dem echten Start"),
    notices.BAD_WINDOW: N_("Ein Zeitraum umfasst mindestens einen Monat"),
    notices.BAD_TRANSITION: N_("Der Übergang kann nicht negativ sein"),
}
#: the mix notices, one text per dimension (so that each language words it its own way)
MIX = {
    (notices.MIX_HIDDEN, "channel"): N_(
        "Der Kanalmix kann nicht gezeigt werden (kleine Zahlen); %(adjustment)s"
    ),
    (notices.MIX_HIDDEN, "topic"): N_(
        "Die Verteilung der Anliegen kann nicht gezeigt werden (kleine Zahlen); %(adjustment)s"
    ),
    (notices.MIX_CHANGED, "channel"): N_(
        "Der Kanalmix hat sich verändert (%(shift)s der Antworten verschoben); %(adjustment)s"
    ),
    (notices.MIX_CHANGED, "topic"): N_(
        "Die Verteilung der Anliegen hat sich verändert (%(shift)s der Antworten verschoben); "
        "%(adjustment)s"
    ),
}
ADJUSTED = N_("die Schätzung ist darum bereinigt")
NOT_ADJUSTED = N_("die Schätzung ist darum NICHT bereinigt")


def describe(notice: Notice, gettext: Callable[[str], str], percent: Callable[[float], str]) -> str:
    """The notice in the caller's language (``percent`` writes a share, e.g. ``12 %``)."""
    values: dict[str, object] = dict(notice.values)
    if "adjusted" in values:
        values["adjustment"] = gettext(ADJUSTED if values["adjusted"] else NOT_ADJUSTED)
    if "shift" in values:
        values["shift"] = percent(float(values["shift"]))  # type: ignore[arg-type]
    message = MESSAGES.get(notice.code) or MIX.get((notice.code, str(values.get("dimension"))))
    if message is None:
        return notice.code
    return gettext(message) % values
