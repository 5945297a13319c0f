"""Sign-in, second factor, sign-out and the user's own account. HTTP only."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from survey.access import Capability, public, require
from survey.database import db
from survey.i18n import only
from survey.security import limiter
from survey.security.limits import LOGIN_LIMIT

from . import authentication, operations, totp
from .authentication import Outcome
from .forms import LoginForm, PasswordChangeForm, TotpForm
from .models import User
from .session import PENDING, end_session, needs_totp_enrolment, start_session

bp = Blueprint("accounts", __name__)
bp.before_request(only)  # staff pages: German or English

#: Seconds between a right password and its second factor.
PENDING_SECONDS = 300
ENROL_SECRET = "totp_enrol_secret"  # noqa: S105 - a session key, not a secret
#: One message for every failure: unknown name, wrong password, inactive or locked.
FAILED = _l("Anmeldung fehlgeschlagen. Bitte prüfen Sie Ihre Angaben oder versuchen Sie es später.")


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target:
            return target
    return url_for("start.index")  # the landing page by role (survey.start)


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(LOGIN_LIMIT, methods=["POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("start.index"))
    form = LoginForm()
    if form.validate_on_submit():
        attempt = authentication.check_password(db.session, form.username.data, form.password.data)
        db.session.commit()
        if attempt.outcome is Outcome.NEEDS_TOTP and attempt.user is not None:
            target = _safe_next(request.args.get("next"))
            session.clear()
            session[PENDING] = {
                "user": attempt.user.id,
                "version": attempt.user.session_version,
                "at": int(time.time()),
                "next": target,
            }
            return redirect(url_for("accounts.login_totp"))
        if attempt.outcome is Outcome.OK and attempt.user is not None:
            start_session(attempt.user)
            return redirect(_safe_next(request.args.get("next")))
        flash(str(FAILED), "error")
    return render_template("accounts/login.html", form=form)


def _pending_user() -> tuple[User | None, str]:
    pending = session.get(PENDING) or {}
    user = db.session.get(User, pending.get("user", 0)) if pending else None
    fresh = int(time.time()) - int(pending.get("at", 0)) < PENDING_SECONDS
    if user is None or not fresh or user.session_version != pending.get("version"):
        return None, ""
    return user, str(pending.get("next") or "")


@bp.route("/login/totp", methods=["GET", "POST"])
@public
@limiter.limit(LOGIN_LIMIT, methods=["POST"])
def login_totp() -> ResponseReturnValue:
    user, target = _pending_user()
    if user is None:
        session.pop(PENDING, None)
        return redirect(url_for("accounts.login"))
    form = TotpForm()
    if form.validate_on_submit():
        attempt = authentication.check_second_factor(db.session, user, form.code.data)
        db.session.commit()
        if attempt.outcome is Outcome.OK:
            start_session(user)
            return redirect(_safe_next(target))
        if authentication.is_locked(user):
            session.pop(PENDING, None)
        flash(str(FAILED), "error")
    return render_template("accounts/login_totp.html", form=form)


@bp.post("/logout")
@require(Capability.ACCOUNT)
def logout() -> ResponseReturnValue:
    # Session cookies are kept by the browser only: bumping the version is what
    # makes a copy of this cookie (and every other session) worthless.
    operations.sign_out(db.session, current_user._get_current_object())  # type: ignore[attr-defined]
    db.session.commit()
    end_session()
    return redirect(url_for("accounts.login"))


@bp.get("/account")
@require(Capability.ACCOUNT)
def account() -> ResponseReturnValue:
    return render_template("accounts/account.html")


@bp.route("/account/password", methods=["GET", "POST"])
@require(Capability.ACCOUNT)
@limiter.limit(LOGIN_LIMIT, methods=["POST"])
def password() -> ResponseReturnValue:
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user: User = current_user._get_current_object()  # type: ignore[attr-defined]
        if not operations.password_matches(user, form.current.data):
            form.current.errors.append(_("Das bisherige Passwort stimmt nicht."))
        else:
            operations.set_password(db.session, user, form.password.data, actor=user)
            db.session.commit()
            # Every other session has ended; this one goes on, renewed.
            start_session(user)
            flash(_("Passwort geändert. Alle anderen Sitzungen wurden beendet."), "info")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/password.html", form=form)


@bp.route("/account/totp", methods=["GET", "POST"])
@require(Capability.ACCOUNT)
def totp_setup() -> ResponseReturnValue:
    user: User = current_user._get_current_object()  # type: ignore[attr-defined]
    if user.totp_secret:
        return render_template("accounts/totp_active.html")
    secret = session.get(ENROL_SECRET) or totp.new_secret()
    session[ENROL_SECRET] = secret
    form = TotpForm()
    if form.validate_on_submit():
        step = totp.matching_step(secret, form.code.data)
        if step is not None:
            operations.enable_totp(db.session, user, secret, step, actor=user)
            db.session.commit()
            session.pop(ENROL_SECRET, None)
            flash(_("Zweiter Faktor eingerichtet."), "info")
            return redirect(url_for("start.index"))
        form.code.errors.append(_("Der Code stimmt nicht. Bitte den aktuellen Code eingeben."))
    return render_template(
        "accounts/totp_setup.html",
        form=form,
        secret=secret,
        qr=totp.qr_data_uri(secret, user.username),
        required=needs_totp_enrolment(user),
    )
