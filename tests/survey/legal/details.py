"""An office with every detail of its legal pages filled in."""

from __future__ import annotations

from datetime import date

DETAILS = {
    "legal_name": "Stadt Wiesbaden, Ausländerbehörde",
    "legal_address": "Alcide-de-Gasperi-Straße 2\n65197 Wiesbaden",
    "legal_contact": "barrierefrei@example.org, 0611 000000",
    "dpo_contact": "Datenschutzbeauftragte der Stadt, datenschutz@example.org",
    "supervisory_authority": "Der Hessische Beauftragte für Datenschutz, Wiesbaden",
    "accessibility_reviewed": date(2026, 3, 1),
}
