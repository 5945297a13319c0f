"""The request form of a report: period and language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField
from wtforms.validators import DataRequired, ValidationError

from .operations import LANGUAGES


class ReportForm(FlaskForm):
    start = DateField(_l("Von"), validators=[DataRequired()])
    end = DateField(_l("Bis"), validators=[DataRequired()])
    lang = SelectField(_l("Sprache"), choices=[SelectChoice(code) for code in LANGUAGES])

    def validate_end(self, field: DateField) -> None:
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError(_l("Das Ende liegt vor dem Anfang."))
