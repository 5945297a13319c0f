"""Item codes and their short German labels (msgids; the caller translates)."""

from __future__ import annotations

SCALE_ITEMS = ("overall", "appointment", "waiting", "friendly", "understood", "fair", "trust")

#: short labels for tables and charts (German msgids)
LABELS = {
    "overall": "Zufriedenheit insgesamt",
    "appointment": "Terminvergabe",
    "waiting": "Wartezeit",
    "friendly": "Freundlichkeit",
    "understood": "Verständlichkeit",
    "fair": "Faire Behandlung",
    "trust": "Vertrauen",
    "resolved": "Anliegen erledigt",
    "visits": "Anzahl Besuche",
    "communication": "Verständigung",
    "referral": "Hinweis auf Hilfsangebote",
    "improve": "Verbesserungswünsche",
    "topic": "Anliegen",
    "csat": "Zufriedenheit (Top-2)",
    "first_visit_resolution": "Erledigt beim ersten Besuch",
    "referral_gap": "Fehlender Hinweis auf Hilfsangebote",
    "kiosk": "Tablet vor Ort",
    "online": "Online",
    "paper": "Papier",
    "1": "Aufenthaltstitel",
    "2": "Familiennachzug",
    "3": "Arbeit/Studium/Ausbildung",
    "4": "Flucht/Asyl/Duldung",
    "5": "Sonstiges",
}

#: the texts of :class:`analysis.figures.Labels` (German msgids)
FIGURE_LABELS = {
    "site": "Standort",
    "network": "Netzwerk",
    "share": "Anteil 4–5 (Top-2)",
    "interval": "95-%-Intervall",
    "limits": "Kontrollgrenzen (p-Karte)",
    "centre": "Mittellinie",
    "flagged": "Außerhalb der Grenzen",
    "suppressed": "weniger als 10 Antworten",
    "limited": "eingeschränkte Aussagekraft",
    "month": "Monat",
    "importance": "Bedeutung (Anteil an der erklärten Varianz)",
    "performance": "Leistung (Anteil 4–5)",
    "responses": "Antworten",
    "measure": "Maßnahme",
}
