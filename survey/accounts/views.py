"""Sign-in, second factor, sign-out and the user's own account. HTTP only."""

from __future__ import annotations

import time

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from survey.access import Capability, public, require
from survey.database import db
from survey.i18n import only
from survey.security import limiter
from survey.security.limits import LOGIN_LIMIT

from . import authentication, clock, enrolment, operations, passwords, throttle, totp
from .authentication import Outcome
from .forms import EnrolmentForm, EnrolmentTotpForm, LoginForm, PasswordChangeForm, TotpForm
from .models import User
from .redirects import local_path
from .session import PENDING, end_session, needs_totp_enrolment, start_session

bp = Blueprint("accounts", __name__)
bp.before_request(only)  # staff pages: German or English

#: Seconds between a right password and its second factor.
PENDING_SECONDS = 300
ENROL_SECRET = "totp_enrol_secret"  # noqa: S105 - a session key, not a secret
#: Session key of the second factor offered on an enrolment link's page.
LINK_SECRET = "enrolment_link_secret"  # noqa: S105 - a session key, not a secret
#: One message for every failure: unknown name, wrong password, inactive or locked.
FAILED = _l("Anmeldung fehlgeschlagen. Bitte prüfen Sie Ihre Angaben oder versuchen Sie es später.")
#: Right password, but the second factor the role needs is not set up yet.
NEEDS_ENROLMENT = _l(
    "Für Ihre Rolle ist ein zweiter Faktor vorgeschrieben. Bitten Sie die Administration "
    "um einen Einrichtungslink."
)


def _client(username: str) -> str:
    """The throttle key of this account from this client address."""
    return throttle.client_key(current_app.secret_key or "", username, request.remote_addr)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    return local_path(target) or url_for("start.index")  # the landing page by role (survey.start)


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(LOGIN_LIMIT, methods=["POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("start.index"))
    form = LoginForm()
    if form.validate_on_submit():
        attempt = authentication.check_password(
            db.session, form.username.data, form.password.data, _client(form.username.data)
        )
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
        if attempt.outcome is Outcome.NEEDS_ENROLMENT:
            flash(str(NEEDS_ENROLMENT), "error")
        else:
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
        attempt = authentication.check_second_factor(
            db.session, user, form.code.data, _client(user.username)
        )
        db.session.commit()
        if attempt.outcome is Outcome.OK:
            start_session(user)
            return redirect(_safe_next(target))
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
            try:
                operations.set_password(db.session, user, form.password.data, actor=user)
            except operations.WeakPassword as exc:
                form.password.errors.append(passwords.message(exc.reason))
            else:
                db.session.commit()
                # Every other session has ended; this one goes on, renewed.
                start_session(user, renewing=True)
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


def _link_secret(token: str) -> str:
    """The second factor offered on this link's page, the same on each visit."""
    kept = session.get(LINK_SECRET) or {}
    mark = token[:12]
    if kept.get("link") != mark or not kept.get("secret"):
        kept = {"link": mark, "secret": totp.new_secret()}
        session[LINK_SECRET] = kept
    return str(kept["secret"])


@bp.route("/account/enrol/<token>", methods=["GET", "POST"])
@public
@limiter.limit(LOGIN_LIMIT, methods=["POST"])
def enrol(token: str) -> ResponseReturnValue:
    user = enrolment.find(db.session, token)
    if user is None:
        return render_template("accounts/enrol_invalid.html"), 404
    secret = _link_secret(token) if enrolment.needs_totp(user) else None
    form = EnrolmentTotpForm() if secret else EnrolmentForm()
    if form.validate_on_submit():
        step = totp.matching_step(secret, form.code.data, clock.now()) if secret else None
        if secret and step is None:
            form.code.errors.append(_("Der Code stimmt nicht. Bitte den aktuellen Code eingeben."))
        else:
            try:
                done = enrolment.complete(
                    db.session, user, token, form.password.data, totp_secret=secret, totp_step=step
                )
            except operations.WeakPassword as exc:
                form.password.errors.append(passwords.message(exc.reason))
            else:
                if not done:
                    return render_template("accounts/enrol_invalid.html"), 404
                db.session.commit()
                session.pop(LINK_SECRET, None)
                flash(_("Ihr Konto ist eingerichtet. Bitte melden Sie sich an."), "info")
                return redirect(url_for("accounts.login"))
    qr = totp.qr_data_uri(secret, user.username) if secret else None
    return render_template("accounts/enrol.html", form=form, user=user, secret=secret, qr=qr)
