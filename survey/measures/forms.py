"""The form of the measures page (Flask-WTF: CSRF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional

from .models import LABEL_MAX, NOTE_MAX
from .types import choices, item_choices


class MeasureForm(FlaskForm):
    day = DateField(_l("Datum"), validators=[InputRequired()])
    label = StringField(
        _l("Kurzbezeichnung (steht im Diagramm)"),
        validators=[InputRequired(), Length(max=LABEL_MAX)],
    )
    note = TextAreaField(_l("Notiz (optional)"), validators=[Optional(), Length(max=NOTE_MAX)])
    type = SelectField(_l("Art der Maßnahme"), choices=choices, default="other")
    items = SelectMultipleField(
        _l("Fragen, die sie verbessern soll (leer: je nach Art)"),
        choices=item_choices,
        validators=[Optional()],
    )
    rollout_until = DateField(_l("Einführung abgeschlossen am (optional)"), validators=[Optional()])
    end_day = DateField(_l("Beendet am (optional)"), validators=[Optional()])


class DeleteMeasureForm(FlaskForm):
    measure = IntegerField(validators=[InputRequired()])
