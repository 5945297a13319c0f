"""Sign-in, second factor and password forms (Flask-WTF: CSRF on each)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp

from .passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    username = StringField(
        _l("Benutzername"),
        validators=[InputRequired(), Length(max=80)],
        render_kw={"autocomplete": "username", "autocapitalize": "none"},
    )
    password = PasswordField(
        _l("Passwort"),
        validators=[InputRequired(), Length(max=MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )


def totp_code_field() -> StringField:
    return StringField(
        _l("Sechsstelliger Code aus der Authenticator-App"),
        validators=[InputRequired(), Regexp(r"^\s*\d{3}\s?\d{3}\s*$")],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class TotpForm(FlaskForm):
    code = totp_code_field()


def new_password_field(label: str | None = None) -> PasswordField:
    return PasswordField(
        label or _l("Neues Passwort"),
        validators=[
            InputRequired(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=_l("Mindestens %(n)s Zeichen.", n=MIN_PASSWORD_LENGTH),
            ),
        ],
        render_kw={"autocomplete": "new-password", "minlength": MIN_PASSWORD_LENGTH},
    )


class PasswordChangeForm(FlaskForm):
    current = PasswordField(
        _l("Bisheriges Passwort"),
        validators=[InputRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    password = new_password_field()
    confirm = PasswordField(
        _l("Neues Passwort wiederholen"),
        validators=[
            InputRequired(),
            EqualTo("password", message=_l("Die Passwörter stimmen nicht überein.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class EnrolmentForm(FlaskForm):
    """Setting up an account through its enrolment link."""

    password = new_password_field(_l("Passwort"))
    confirm = PasswordField(
        _l("Passwort wiederholen"),
        validators=[
            InputRequired(),
            EqualTo("password", message=_l("Die Passwörter stimmen nicht überein.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class EnrolmentTotpForm(EnrolmentForm):
    """The same, with the second factor the role requires."""

    code = totp_code_field()
