"""HTTP only: find the site, pick the locale, render; take a POST through :mod:`.taking`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy import Connection
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge, TooManyRequests

from survey.access import public
from survey.audio import store as audio_store
from survey.audio.paths import audio_root
from survey.database import db
from survey.database.writer import write_transaction
from survey.i18n import current, format_day, use_site
from survey.responses import presentation
from survey.security import limiter
from survey.security.csrf import Refusal, refusal
from survey.sites import legal

from . import invitations, messages, operations, taking

bp = Blueprint("form", __name__)


def _limit() -> str:
    return current_app.config.get("SURVEY_FORM_RATELIMIT", operations.FORM_LIMIT)


def _form(site, status: int = 200, **context) -> tuple[str, int]:
    context.setdefault("answers", MultiDict())
    context.setdefault("errors", {})
    context.setdefault("response_id", uuid.uuid4())
    definition = operations.current_definition()
    html = render_template(
        "form/form.html",
        site=site,
        definition=definition,
        audio=audio_store.playable(
            audio_root(), definition, current().code, drafts=site.audio_drafts
        ),
        faces=presentation.shows_faces(site.scale_presentation),
        invitation=request.args.get(taking.INVITATION) or None,
        messages=messages,
        **context,
    )
    return html, status


def _site(code: str):
    site = operations.open_site(db.session, code)
    if site is None:
        abort(404)
    use_site(site)
    return site


def _invitation_refusal(
    site, *, used_ok: bool = False, conn: Connection | None = None
) -> ResponseReturnValue | None:
    """The page for a missing, unknown or used code, or None when the code is fine.

    ``used_ok``: a POST goes on with a used code, since a repeat of the response
    that used it (double tap, retry) must still reach the thank-you page.
    """
    code = request.args.get(taking.INVITATION)
    if not code and not site.invitation_required:
        return None
    reader = conn if conn is not None else db.session.connection()
    found = invitations.state(reader, site.id, code) if code else "unknown"
    if found == "open" or (used_ok and found == "used"):
        return None
    message = messages.CODE_USED if found == "used" else messages.CODE_UNKNOWN
    return render_template("form/refused.html", site=site, message=message), 403


@bp.get("/s/<code>")
@public
def show(code: str) -> ResponseReturnValue:
    site = _site(code)
    return _invitation_refusal(site) or _form(site)


@bp.post("/s/<code>")
@public
@limiter.limit(_limit, methods=["POST"])
def take(code: str) -> ResponseReturnValue:
    # One connection and no ORM for a submission: the site is read by the write
    # transaction (its lookup through the session cost a third of the view).
    with write_transaction(db.engine) as conn:
        site = operations.find_site(conn, code)
        if site is None:
            abort(404)
        use_site(site)
        refused = _invitation_refusal(site, used_ok=True, conn=conn)
        if refused is not None:
            return refused
        taken = taking.take(
            conn,
            site.id,
            request.form,
            locale=current().code,
            locales=operations.site_locales(site),
            now=datetime.now(UTC),
            timezone=ZoneInfo(current_app.config["SURVEY_TIMEZONE"]),
            invitation=request.args.get(taking.INVITATION),
            presentation=site.scale_presentation,
        )
        if taken.status == "code_used":
            conn.rollback()
    if taken.thanks:
        return redirect(url_for("form.thanks", code=site.code, lang=current().code), 303)
    site = _site(code)  # the whole site for the page
    if taken.status == "code_used":
        return render_template("form/refused.html", site=site, message=messages.CODE_USED), 403
    form_id = request.form.get(taking.RESPONSE_ID, "")
    return _form(
        site,
        400,
        answers=request.form,
        errors=taken.errors,
        response_id=form_id if operations.is_uuid(form_id) else uuid.uuid4(),
    )


@bp.get("/s/<code>/thanks")
@public
def thanks(code: str) -> str:
    site = _site(code)
    return render_template("form/thanks.html", site=site, messages=messages)


@bp.get("/privacy")
@public
def privacy() -> str:
    site = operations.open_site(db.session, request.args.get("site", ""))
    if site is not None:
        use_site(site)
    days = site.comment_retention_days if site else operations.DEFAULT_RETENTION_DAYS
    office = legal.details(site, legal.PRIVACY_NEEDS)
    return render_template("form/privacy.html", site=site, retention_days=days, office=office)


@bp.get("/accessibility")
@public
def accessibility() -> str:
    site = operations.open_site(db.session, request.args.get("site", ""))
    if site is not None:
        use_site(site)
    office = legal.details(site, legal.ACCESSIBILITY_NEEDS)
    reviewed = format_day(office.reviewed) if office.reviewed else ""
    return render_template(
        "form/accessibility.html",
        site=site,
        office=office,
        reviewed=reviewed,
        arbitration_url=legal.ARBITRATION_URL,
    )


def _request_site():
    return operations.open_site(db.session, (request.view_args or {}).get("code", ""))


def _refused(message, status: int) -> tuple[str, int]:
    site = _request_site()
    use_site(site)
    return render_template("form/refused.html", site=site, message=message), status


@bp.errorhandler(404)
def not_found(error: Exception) -> tuple[str, int]:
    use_site(None)  # the picker offers every locale on the error page
    return render_template("form/not_found.html", messages=messages), 404


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: Exception) -> tuple[str, int]:
    return _refused(messages.TOO_LARGE, 413)


@bp.errorhandler(TooManyRequests)
def too_many(error: Exception) -> tuple[str, int]:
    return _refused(messages.TOO_MANY, 429)


@bp.errorhandler(CSRFError)
def expired(error: CSRFError) -> tuple[str, int]:
    """An expired or missing CSRF token: the form again, answers kept, nothing stored."""
    site = _request_site()
    if site is None:
        return not_found(error)
    use_site(site)
    late = refusal(error) is Refusal.EXPIRED
    notice = messages.SESSION_EXPIRED if late else messages.CHECK_FAILED
    return _form(site, 400, answers=request.form, notice=notice)
