"""The form of the measures page (Flask-WTF: CSRF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from .models import LABEL_MAX, NOTE_MAX


class MeasureForm(FlaskForm):
    day = DateField(_l("Datum"), validators=[InputRequired()])
    label = StringField(
        _l("Kurzbezeichnung (steht im Diagramm)"),
        validators=[InputRequired(), Length(max=LABEL_MAX)],
    )
    note = TextAreaField(_l("Notiz (optional)"), validators=[Optional(), Length(max=NOTE_MAX)])


class DeleteMeasureForm(FlaskForm):
    measure = IntegerField(validators=[InputRequired()])
