"""Forms of the administration pages (Flask-WTF: CSRF on each that changes data)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from survey.accounts.forms import new_password_field
from survey.i18n.locales import CODES as LOCALE_CODES

LOCALE_CHOICES = [SelectChoice(code) for code in LOCALE_CODES]
ROLE_CHOICES = [
    SelectChoice("admin", _l("Administration")),
    SelectChoice("provider", _l("Projektträger (alle Standorte)")),
    SelectChoice("lead", _l("Leitung (eigene Standorte)")),
    SelectChoice("viewer", _l("Lesezugriff (eigene Standorte)")),
]


class SiteCreateForm(FlaskForm):
    code = StringField(
        _l("Kürzel (steht im QR-Code, unveränderlich)"),
        validators=[InputRequired(), Regexp(r"^[A-Za-z0-9]{1,16}$")],
    )
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=200)])


class SiteSettingsForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=200)])
    locales = SelectMultipleField(
        _l("Angebotene Sprachen (keine Auswahl: alle)"), choices=LOCALE_CHOICES
    )
    default_locale = SelectField(_l("Standardsprache"), choices=LOCALE_CHOICES)
    kiosk_idle_seconds = IntegerField(
        _l("Kiosk: Rücksetzen nach Sekunden ohne Eingabe"),
        validators=[InputRequired(), NumberRange(10, 3600)],
    )
    kiosk_min_interval_seconds = IntegerField(
        _l("Kiosk: Mindestabstand zwischen zwei Antworten (Sekunden)"),
        validators=[InputRequired(), NumberRange(0, 3600)],
    )
    comment_retention_days = IntegerField(
        _l("Freitext-Kommentare löschen nach (Tagen)"),
        validators=[InputRequired(), NumberRange(1, 3650)],
    )
    invitation_required = BooleanField(_l("Online-Formular nur mit Einladungscode"))
    audio_drafts = BooleanField(
        _l("Vorlese-Entwürfe (Computerstimme) abspielen, wo keine Aufnahme ist")
    )
    enabled = BooleanField(_l("Standort aktiv"))
    # Shown on the privacy notice and the accessibility statement (survey/form/legal.py).
    legal_name = StringField(
        _l("Verantwortliche Behörde (voller Name)"),
        validators=[Optional(), Length(max=300)],
        description=_l(
            "Diese und die folgenden Angaben stehen im Datenschutzhinweis und in der Erklärung"
            " zur Barrierefreiheit. Leere Felder zeigen dort „noch nicht eingetragen“."
        ),
    )
    legal_address = TextAreaField(_l("Anschrift"), validators=[Optional(), Length(max=500)])
    legal_contact = TextAreaField(
        _l("Kontakt für Fragen und Rückmeldungen zu Barrieren (Telefon, E-Mail)"),
        validators=[Optional(), Length(max=500)],
    )
    dpo_contact = TextAreaField(
        _l("Datenschutzbeauftragte oder Datenschutzbeauftragter (Kontakt)"),
        validators=[Optional(), Length(max=500)],
    )
    supervisory_authority = TextAreaField(
        _l("Zuständige Datenschutz-Aufsichtsbehörde (Name, Anschrift)"),
        validators=[Optional(), Length(max=500)],
    )
    accessibility_reviewed = DateField(
        _l("Erklärung zur Barrierefreiheit zuletzt geprüft am"), validators=[Optional()]
    )


class PresentationForm(FlaskForm):
    version = SelectField(
        _l("Darstellung der 1–5-Skala"),
        coerce=int,
        choices=[
            SelectChoice(1, _l("Zahlen und Wörter")),
            SelectChoice(2, _l("Gesichter neben Zahlen und Wörtern")),
        ],
    )


class SiteDeleteForm(FlaskForm):
    confirm = StringField(
        _l("Zur Bestätigung das Kürzel des Standorts eingeben"), validators=[InputRequired()]
    )


class UserCreateForm(FlaskForm):
    username = StringField(_l("Benutzername"), validators=[InputRequired(), Length(max=80)])
    role = SelectField(_l("Rolle"), choices=ROLE_CHOICES)
    sites = SelectMultipleField(_l("Standorte (für Leitung und Lesezugriff)"), choices=[])


class UserEditForm(FlaskForm):
    role = SelectField(_l("Rolle"), choices=ROLE_CHOICES)
    sites = SelectMultipleField(_l("Standorte (für Leitung und Lesezugriff)"), choices=[])
    active = BooleanField(_l("Konto aktiv"))


class PasswordResetForm(FlaskForm):
    password = new_password_field()


class EmptyForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class PairingForm(FlaskForm):
    label = StringField(
        _l("Bezeichnung des Tablets (z. B. Schalter 3)"), validators=[Length(max=100)]
    )


class DeviceForm(FlaskForm):
    label = StringField(_l("Bezeichnung"), validators=[Length(max=100)])


class AuditFilterForm(FlaskForm):
    """Read-only filter (GET): no CSRF token needed."""

    class Meta:
        csrf = False

    action = StringField(_l("Aktion beginnt mit"), validators=[Optional(), Length(max=64)])
    actor = StringField(_l("Wer"), validators=[Optional(), Length(max=80)])
    target = StringField(_l("Betrifft"), validators=[Optional(), Length(max=200)])
    since = DateField(_l("Von"), validators=[Optional()])
    until = DateField(_l("Bis"), validators=[Optional()])
