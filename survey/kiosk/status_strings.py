"""Texts of the tablet's hidden status screen: for staff, so German and English suffice.

Listed in ``survey.i18n.coverage.STAFF_PATHS``; the msgids are marked with
``N_`` for extraction and translated when the bundle is built.
"""

from __future__ import annotations


def N_(msgid: str) -> str:  # the conventional gettext_noop marker
    return msgid


STATUS_STRINGS: dict[str, str] = {
    "status": N_("Gerätestatus"),
    "device": N_("Gerät"),
    "queue": N_("Nicht gesendete Antworten"),
    "rejected": N_("Abgewiesene Antworten"),
    "last_sync": N_("Zuletzt gesendet"),
    "version": N_("Version"),
    "connection": N_("Verbindung"),
    "close": N_("Schließen"),
    "audio": N_("Gespeicherte Audiodateien"),
    "online": N_("verbunden"),
    "offline": N_("nicht verbunden"),
}
