"""The device JSON API under ``/kiosk/api``.

Authenticated by the device token (``Authorization: Bearer …``), not by a
cookie, so it is exempt from CSRF protection, and declared ``@public`` for
staff access control (no staff session is involved). Errors are JSON
``{"error": code, …}``: 400 bad request or invalid answers, 401 not paired,
403 ``device_revoked``, 413 too large, 429 ``too_many_attempts`` (pairing:
per client address, like the login form; the address lives only in the
limiter's counter for its window. Responses: per device token). No IP address or user agent is
stored.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, TooManyRequests

from survey.access import public
from survey.audio.paths import audio_root
from survey.audio.store import playable
from survey.database import db
from survey.database.types import utcnow
from survey.database.writer import write_transaction
from survey.responses.submission import RawResponse, current_questionnaire
from survey.security import csrf, limiter
from survey.sites.models import Site

from . import operations
from .bundle import build_bundle, offered
from .models import KioskDevice
from .pairing import PairingError, digest, redeem

bp = Blueprint("kiosk_api", __name__, url_prefix="/kiosk/api")
csrf.exempt(bp)

#: Pairing attempts per client address: a code is a secret to guess, like a password.
PAIRING_LIMIT = "10 per minute; 60 per hour"
#: Responses per device, counted by the server's clock (``SURVEY_KIOSK_RESPONSE_LIMIT``).
#: One person takes longer than a minute; a queue sent after an outage is
#: slowed, not lost (the tablet retries a 429 later).
RESPONSE_LIMIT = "12 per minute; 240 per hour"


class ApiError(Exception):
    def __init__(self, status: int, code: str, **extra: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.extra = status, code, extra


@bp.errorhandler(ApiError)
def api_error(exc: ApiError) -> ResponseReturnValue:
    return jsonify(error=exc.code, **exc.extra), exc.status


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_exc: RequestEntityTooLarge) -> ResponseReturnValue:
    return jsonify(error="too_large"), 413


@bp.errorhandler(TooManyRequests)
def too_many(_exc: TooManyRequests) -> ResponseReturnValue:
    return jsonify(error="too_many_attempts"), 429


@bp.errorhandler(operations.NotPaired)
def not_paired(_exc: operations.NotPaired) -> ResponseReturnValue:
    return jsonify(error="not_paired"), 401


@bp.errorhandler(operations.Revoked)
def revoked(_exc: operations.Revoked) -> ResponseReturnValue:
    return jsonify(error="device_revoked"), 403


@bp.after_request
def no_store(response: Any) -> Any:
    response.headers["Cache-Control"] = "no-store"
    return response


def _json_object() -> dict[str, Any]:
    try:
        body = request.get_json(force=True, silent=False)
    except BadRequest:
        raise ApiError(400, "bad_json") from None
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json")
    return body


def _token() -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        raise operations.NotPaired
    return token.strip()


def _device() -> KioskDevice:
    return operations.authenticate(db.session, _token())


@bp.post("/pair")
@public
@limiter.limit(PAIRING_LIMIT)
def pair() -> ResponseReturnValue:
    code = _json_object().get("code")
    if not isinstance(code, str):
        raise ApiError(400, "invalid_code")
    try:
        paired = redeem(db.session, code, utcnow())
    except PairingError:
        db.session.rollback()
        raise ApiError(400, "invalid_code") from None
    db.session.commit()
    return jsonify(token=paired.token, site=paired.site_code, label=paired.label), 201


@bp.get("/bundle")
@public
def bundle() -> ResponseReturnValue:
    device = _device()
    definition = current_questionnaire(db.session.connection())
    if definition is None:
        raise ApiError(503, "no_questionnaire")
    site = db.session.get_one(Site, device.site_id)
    root = audio_root()
    audio = {
        info.code: sorted(playable(root, definition, info.code, drafts=site.audio_drafts))
        for info in offered(site)
    }
    return jsonify(build_bundle(site, definition, device.label, audio))


@bp.post("/responses")
@public
def responses() -> ResponseReturnValue:
    token = _token()
    limit = current_app.config.get("SURVEY_KIOSK_RESPONSE_LIMIT") or RESPONSE_LIMIT
    limiter.hit(limit, "kiosk_api.responses", key=f"device:{digest(token)}")
    body = _json_object()
    raw = RawResponse(
        id=body.get("id"),
        locale=body.get("locale"),
        answers=body.get("answers"),
        comment=body.get("comment"),
        questionnaire=body.get("questionnaire"),
        presentation=body.get("presentation"),
    )
    # One transaction on one connection: the device is authenticated by its
    # first statement (no ORM session, no second connection from the pool).
    with write_transaction(db.engine) as conn:
        delivery = operations.deliver_with_token(
            conn,
            token,
            raw,
            sent_at=body.get("answered_at"),
            now=utcnow(),
            timezone=ZoneInfo(current_app.config["SURVEY_TIMEZONE"]),
        )
    outcome = delivery.outcome
    if not outcome.ok:
        raise ApiError(400, "invalid", errors=dict(outcome.errors))
    duplicate = outcome.status == "duplicate"
    return jsonify(
        id=str(outcome.response_id),
        status=outcome.status,
        duplicate=duplicate,
        flagged=delivery.flagged,
    ), (200 if duplicate else 201)


@bp.post("/heartbeat")
@public
def heartbeat() -> ResponseReturnValue:
    device = _device()
    operations.heartbeat(db.session, device, _json_object(), utcnow())
    db.session.commit()
    return jsonify(status="ok", label=device.label)
