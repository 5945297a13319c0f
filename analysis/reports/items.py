"""Item codes and their short German labels (msgids; the caller translates)."""

from __future__ import annotations


def N_(msgid: str) -> str:  # the conventional gettext_noop marker, for extraction
    return msgid


SCALE_ITEMS = ("overall", "appointment", "waiting", "friendly", "understood", "fair", "trust")

#: short labels for tables and charts (German msgids)
LABELS = {
    "overall": N_("Zufriedenheit insgesamt"),
    "appointment": N_("Terminvergabe"),
    "waiting": N_("Wartezeit"),
    "friendly": N_("Freundlichkeit"),
    "understood": N_("Verständlichkeit"),
    "fair": N_("Faire Behandlung"),
    "trust": N_("Vertrauen"),
    "resolved": N_("Anliegen erledigt"),
    "visits": N_("Anzahl Besuche"),
    "communication": N_("Verständigung"),
    "referral": N_("Hinweis auf Hilfsangebote"),
    "improve": N_("Verbesserungswünsche"),
    "topic": N_("Anliegen"),
    "csat": N_("Zufriedenheit (Top-2)"),
    "first_visit_resolution": N_("Erledigt beim ersten Besuch"),
    "referral_gap": N_("Fehlender Hinweis auf Hilfsangebote"),
    "kiosk": N_("Tablet vor Ort"),
    "online": N_("Online"),
    "paper": N_("Papier"),
    "1": N_("Aufenthaltstitel"),
    "2": N_("Familiennachzug"),
    "3": N_("Arbeit/Studium/Ausbildung"),
    "4": N_("Flucht/Asyl/Duldung"),
    "5": N_("Sonstiges"),
}

#: the texts of :class:`analysis.figures.Labels` (German msgids)
FIGURE_LABELS = {
    "site": N_("Standort"),
    "network": N_("Netzwerk"),
    "share": N_("Anteil 4–5 (Top-2)"),
    "interval": N_("95-%-Intervall"),
    "limits": N_("Kontrollgrenzen (p-Karte)"),
    "centre": N_("Mittellinie"),
    "flagged": N_("Außerhalb der Grenzen"),
    "suppressed": N_("weniger als 10 Antworten"),
    "limited": N_("eingeschränkte Aussagekraft"),
    "month": N_("Monat"),
    "importance": N_("Bedeutung (Anteil an der erklärten Varianz)"),
    "performance": N_("Leistung (Anteil 4–5)"),
    "responses": N_("Antworten"),
    "measure": N_("Maßnahme"),
}
