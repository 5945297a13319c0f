"""The request forms of a background job: a report (period, language, waves) or an export."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from survey.responses.exporter import FORMATS

from .operations import LANGUAGES

EXPORT_LABELS = {
    "csv": _l("CSV (ZIP mit Codebuch)"),
    "xlsx": _l("Excel (XLSX)"),
    "sav": _l("SPSS (.sav)"),
}


class PeriodForm(FlaskForm):
    start = DateField(_l("Von"), validators=[DataRequired()])
    end = DateField(_l("Bis"), validators=[DataRequired()])

    def validate_end(self, field: DateField) -> None:
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError(_l("Das Ende liegt vor dem Anfang."))


def _wave(text: str) -> tuple[str, str] | None:
    first, sep, last = text.partition(":")
    try:
        a, b = (datetime.strptime(day, "%Y-%m-%d").date() for day in (first, last))
    except ValueError:
        return None
    return (first, last) if sep and a <= b else None


class ReportForm(PeriodForm):
    lang = SelectField(_l("Sprache"), choices=[SelectChoice(code) for code in LANGUAGES])
    #: the publication's waves FROM:TO (dates YYYY-MM-DD), both or neither
    a = HiddenField(validators=[Optional()])
    b = HiddenField(validators=[Optional()])

    def validate_a(self, field: HiddenField) -> None:
        if field.data and _wave(field.data) is None:
            raise ValidationError(_l("Eine Welle ist VON:BIS mit Daten als JJJJ-MM-TT."))
        if bool(field.data) != bool(self.b.data):
            raise ValidationError(_l("Beide Wellen angeben oder keine."))

    def validate_b(self, field: HiddenField) -> None:
        if field.data and _wave(field.data) is None:
            raise ValidationError(_l("Eine Welle ist VON:BIS mit Daten als JJJJ-MM-TT."))
        a, b = _wave(self.a.data or ""), _wave(field.data or "")
        if a and b and a[0] <= b[1] and b[0] <= a[1]:  # ISO dates compare as text
            raise ValidationError(
                _l("Die Wellen überschneiden sich; wählen Sie getrennte Zeiträume.")
            )


DETAIL_LABELS = {
    "month": _l("Monatsdatei (ohne Tag, anonymisiert)"),
    "day": _l("Tagesgenau (nur mit Zweck, wird protokolliert)"),
}
PURPOSE_LENGTH = 200


class ExportForm(PeriodForm):
    fmt = SelectField(
        _l("Format"), choices=[SelectChoice(code, EXPORT_LABELS[code]) for code in FORMATS]
    )
    detail = SelectField(
        _l("Genauigkeit"),
        choices=[SelectChoice(code, label) for code, label in DETAIL_LABELS.items()],
        default="month",
    )
    purpose = StringField(
        _l("Zweck des tagesgenauen Exports"),
        validators=[Length(max=PURPOSE_LENGTH)],
        filters=[lambda text: " ".join(text.split()) if text else text],
    )

    def validate_purpose(self, field: StringField) -> None:
        if self.detail.data == "day" and not field.data:
            raise ValidationError(_l("Ein tagesgenauer Export braucht einen Zweck."))
