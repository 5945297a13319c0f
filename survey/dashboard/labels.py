"""Translated labels of the dashboards: figure texts, items, channels, topics."""

from __future__ import annotations

from flask_babel import gettext as _

from analysis.figures import Labels

#: Short names of the core items (the full wordings are the questionnaire's).
ITEM_CODES = (
    "overall",
    "appointment",
    "waiting",
    "friendly",
    "understood",
    "fair",
    "trust",
)


def figure_labels(site: str) -> Labels:
    return Labels(
        site=site,
        network=_("Netzwerk"),
        share=_("Anteil 4–5 (Top-2)"),
        interval=_("95-Prozent-Intervall"),
        limits=_("Kontrollgrenzen (p-Karte)"),
        centre=_("Mittellinie"),
        flagged=_("außerhalb der Grenzen"),
        suppressed=_("weniger als 10 Antworten"),
        limited=_("eingeschränkte Aussagekraft"),
        month=_("Monat"),
        importance=_("Wichtigkeit (Anteil erklärter Varianz)"),
        performance=_("Leistung (Anteil 4–5)"),
        responses=_("Antworten"),
        measure=_("Maßnahme"),
    )


def item_labels() -> dict[str, str]:
    return {
        "overall": _("Gesamtzufriedenheit"),
        "appointment": _("Terminvergabe"),
        "waiting": _("Wartezeit"),
        "friendly": _("Freundlichkeit"),
        "understood": _("Verständlichkeit"),
        "fair": _("Fairness"),
        "trust": _("Vertrauen"),
    }


def channel_labels() -> dict[str, str]:
    return {"kiosk": _("Kiosk"), "online": _("Online"), "paper": _("Papier")}


def topic_labels() -> dict[int, str]:
    return {
        0: _("ohne Angabe"),
        1: _("Aufenthaltstitel"),
        2: _("Familiennachzug"),
        3: _("Arbeit/Studium/Ausbildung"),
        4: _("Flucht/Asyl/Duldung"),
        5: _("Sonstiges"),
    }


def indicator_labels() -> dict[str, str]:
    return {
        "csat": _("Zufriedenheit (CSAT)"),
        "first_visit_resolution": _("Erledigt beim ersten Besuch"),
        "referral_gap": _("Verweislücke"),
    }
