"""Staff sessions with Flask-Login.

- The session stores ``"<user id>:<session_version>"``: bumping the version
  (password change or reset, disabling, role change) ends every session of
  that user at once, on every device.
- Signing in starts a new session: whatever the session held before is
  dropped (no session fixation).
- Inactive users are never loaded.
- A session lasts at most ``SURVEY_SESSION_MAX_SECONDS`` (12 hours) from
  signing in, however busy: the idle limit (``PERMANENT_SESSION_LIFETIME``)
  alone would let a session in use go on for ever, since each request renews
  the cookie.
- A user whose role requires a second factor (admin) and who has none is never
  signed in: the session ends (they enrol through an enrolment link).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin, LoginManager, current_user, login_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from survey.database import db

from . import clock
from .models import TOTP_REQUIRED_ROLES, User

login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Bitte melden Sie sich an.")
login_manager.session_protection = "basic"

__all__ = ["TOTP_REQUIRED_ROLES", "end_session", "init_app", "start_session"]

#: Session key of a sign-in waiting for its second factor.
PENDING = "pending_login"
#: Session key of the moment of signing in (seconds since the epoch).
SIGNED_IN_AT = "signed_in_at"


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


def start_session(user: User, *, renewing: bool = False) -> None:
    """Sign ``user`` in on a fresh session.

    ``renewing`` (after a password change) keeps the time of signing in: a new
    cookie does not buy a new absolute lifetime.
    """
    started = session.get(SIGNED_IN_AT) if renewing else None
    session.clear()
    login_user(user)
    session[SIGNED_IN_AT] = started if isinstance(started, int) else int(clock.now().timestamp())
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


def session_expired() -> bool:
    """Signed in longer ago than the absolute limit (or at an unknown time)."""
    started = session.get(SIGNED_IN_AT)
    if not isinstance(started, int):
        return True
    limit = int(current_app.config["SURVEY_SESSION_MAX_SECONDS"])
    return clock.now().timestamp() - started >= limit


def _check_session() -> WerkzeugResponse | None:
    if request.endpoint in {None, "static"} or request.blueprint in APPLICANT_BLUEPRINTS:
        return None
    if not current_user.is_authenticated:
        return None
    if session_expired():
        end_session()
        flash(_("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."), "info")
        return redirect(url_for("accounts.login"))
    if needs_totp_enrolment(current_user):
        end_session()
        return redirect(url_for("accounts.login"))
    return None


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    app.before_request(_check_session)
