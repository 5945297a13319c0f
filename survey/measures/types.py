"""The taxonomy of measures: types grouped by the three core areas, each with the items
it is meant to move by default (docs/methodology.md, "Effects of measures")."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

#: the three core areas of the model projects, in their usual order
AREAS = {
    "processes": _l("Interne Abläufe und Serviceorientierung"),
    "intercultural": _l("Interkulturelle Kompetenz der Mitarbeitenden"),
    "networking": _l("Vernetzung mit anderen Akteuren vor Ort"),
}


@dataclass(frozen=True)
class MeasureType:
    code: str
    area: str
    label: object  # a lazy string
    items: tuple[str, ...]


TYPES: dict[str, MeasureType] = {
    t.code: t
    for t in (
        MeasureType(
            "appointments",
            "processes",
            _l("Terminsystem / Online-Buchung"),
            ("appointment", "waiting"),
        ),
        MeasureType("opening_hours", "processes", _l("Öffnungszeiten"), ("appointment", "waiting")),
        MeasureType(
            "queue_guidance", "processes", _l("Wartebereich und Aufrufsystem"), ("waiting",)
        ),
        MeasureType("signage", "processes", _l("Beschilderung und Wegeleitung"), ("overall",)),
        MeasureType(
            "staffing",
            "processes",
            _l("Personalaufstockung oder Reorganisation"),
            ("waiting", "resolved"),
        ),
        MeasureType(
            "multilingual_information",
            "intercultural",
            _l("Mehrsprachige Informationen und Formulare"),
            ("understood",),
        ),
        MeasureType(
            "language_mediation",
            "intercultural",
            _l("Sprachmittlung / Dolmetschen"),
            ("communication", "understood"),
        ),
        MeasureType(
            "intercultural_training",
            "intercultural",
            _l("Interkulturelle Schulung der Mitarbeitenden"),
            ("friendly", "fair"),
        ),
        MeasureType(
            "referral_counselling",
            "networking",
            _l("Verweiskooperation mit Beratungsstellen"),
            ("referral",),
        ),
        MeasureType(
            "integration_courses",
            "networking",
            _l("Kooperation mit Integrationskursen"),
            ("referral",),
        ),
        MeasureType("job_centre", "networking", _l("Kooperation mit dem Jobcenter"), ("referral",)),
        MeasureType("other", "processes", _l("Sonstige Maßnahme"), ("overall",)),
    )
}

#: items a measure may target: the 1–5 items and the categorical items with a "good" answer
TARGETABLE = (
    "overall",
    "resolved",
    "appointment",
    "waiting",
    "friendly",
    "understood",
    "fair",
    "communication",
    "referral",
    "trust",
)


def choices() -> list[SelectChoice]:
    """Every type for a select field, in option groups by area (labels in the request's
    language)."""
    return [
        SelectChoice(t.code, str(t.label), optgroup=str(label))
        for area, label in AREAS.items()
        for t in TYPES.values()
        if t.area == area
    ]


def item_choices() -> list[SelectChoice]:
    return [SelectChoice(code, code) for code in TARGETABLE]
