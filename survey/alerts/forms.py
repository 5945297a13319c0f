"""The form of the alert rules page (Flask-WTF: CSRF)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from analysis.alerts import DEFAULT_LAST_N, MIN_LAST_N

from .models import RECIPIENTS_MAX
from .operations import ADDRESS, split_recipients

KIND_CHOICES = [
    SelectChoice("csat_below", _l("Zufriedenheit (CSAT) unter Schwelle")),
    SelectChoice("referral_gap_above", _l("Anteil „nein, hätte ich gebraucht“ über Schwelle")),
]
#: more than this many answers is a period, not "the last answers"
MAX_LAST_N = 5000


class RuleForm(FlaskForm):
    kind = SelectField(_l("Regel"), choices=KIND_CHOICES, validators=[InputRequired()])
    threshold = DecimalField(
        _l("Schwelle in Prozent"),
        places=1,
        validators=[InputRequired(), NumberRange(min=1, max=99)],
    )
    last_n = IntegerField(
        _l("Anzahl der letzten Antworten"),
        default=DEFAULT_LAST_N,
        validators=[InputRequired(), NumberRange(min=MIN_LAST_N, max=MAX_LAST_N)],
    )
    recipients = StringField(
        _l("E-Mail-Empfänger (durch Komma getrennt, optional)"),
        validators=[Optional(), Length(max=RECIPIENTS_MAX)],
    )

    def validate_recipients(self, field: StringField) -> None:
        bad = [a for a in split_recipients(field.data or "") if not ADDRESS.match(a)]
        if bad:
            raise ValidationError(_("Keine gültige E-Mail-Adresse: %(bad)s", bad=", ".join(bad)))


class DeleteRuleForm(FlaskForm):
    rule = IntegerField(validators=[InputRequired()])
