"""Staff sessions with Flask-Login.

- The session stores ``"<user id>:<session_version>"``: bumping the version
  (password change or reset, disabling, role change) ends every session of
  that user at once, on every device.
- Signing in starts a new session: whatever the session held before is
  dropped (no session fixation).
- Inactive users are never loaded.
- A user whose role requires a second factor (admin) and who has none is sent
  to the enrolment page before anything else.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin, LoginManager, current_user, login_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from survey.database import db

from .models import User

login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Bitte melden Sie sich an.")
login_manager.session_protection = "basic"

#: Roles that must use a second factor.
TOTP_REQUIRED_ROLES = frozenset({"admin"})

#: Endpoints a user who still has to enrol a second factor may reach.
ENROLMENT_ENDPOINTS = frozenset({"accounts.totp_setup", "accounts.logout", "static"})

#: Session key of a sign-in waiting for its second factor.
PENDING = "pending_login"


class Anonymous(AnonymousUserMixin):
    role = None
    active = False
    sees_all_sites = False
    sites: list[Any] = []  # noqa: RUF012 - read-only


login_manager.anonymous_user = Anonymous


@login_manager.user_loader
def load_user(token: str) -> User | None:
    user_id, _, version = token.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def start_session(user: User) -> None:
    """Sign ``user`` in on a fresh session."""
    session.clear()
    login_user(user)
    session.permanent = True


def end_session() -> None:
    logout_user()
    session.clear()


def needs_totp_enrolment(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.role in TOTP_REQUIRED_ROLES
        and not user.totp_secret
    )


#: Applicants' pages and the kiosk API: no staff work there, so no sign-in is
#: loaded for them (a third of the request hooks' time on a kiosk submission).
APPLICANT_BLUEPRINTS = frozenset({"form", "kiosk_api"})


def _enforce_enrolment() -> WerkzeugResponse | None:
    if request.endpoint in ENROLMENT_ENDPOINTS or request.endpoint is None:
        return None
    if request.blueprint in APPLICANT_BLUEPRINTS:
        return None
    if needs_totp_enrolment(current_user):
        return redirect(url_for("accounts.totp_setup"))
    return None


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    app.before_request(_enforce_enrolment)
