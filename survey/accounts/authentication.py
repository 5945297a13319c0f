"""Checking a password and a second factor, throttled per account and client.

There is no hard lock any more (anyone could trigger it against any known
account): failures of one account from one client address make that pair
wait longer and longer (:mod:`survey.accounts.throttle`). Per client address,
the forms are rate-limited as well (``survey.security.limits``). Every outcome
is written to the audit log.

A user whose role requires a second factor and who has none cannot sign in
with the password alone: they enrol through an enrolment link
(:mod:`survey.accounts.enrolment`).
"""

from __future__ import annotations

import enum
import functools
import secrets
from dataclasses import dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from survey.audit.operations import record

from . import clock, throttle, totp
from .models import TOTP_REQUIRED_ROLES, User


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the name is unknown, so that the answer takes as long."""
    return generate_password_hash(secrets.token_hex(16))


class Outcome(enum.Enum):
    OK = "ok"
    NEEDS_TOTP = "needs_totp"
    #: Right password, but the role needs a second factor not yet enrolled.
    NEEDS_ENROLMENT = "needs_enrolment"
    FAILED = "failed"


@dataclass(frozen=True)
class Attempt:
    outcome: Outcome
    user: User | None = None


def check_password(session: Session, username: str, password: str, client: str = "") -> Attempt:
    """First step of signing in. Unknown, inactive, throttled and wrong look alike.

    ``client`` is the pair's throttle key (:func:`throttle.client_key`).
    """
    user = session.scalar(select(User).where(User.username == username.strip()))
    target = _target(user) if user is not None else "user:?"
    if throttle.wait(session, client):
        record(session, "login.failed", target=target, reason="throttled")
        return Attempt(Outcome.FAILED)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        throttle.register_failure(session, client)
        # The typed name is not kept: it is sometimes a mistyped password.
        record(session, "login.failed", target=target, reason="unknown")
        return Attempt(Outcome.FAILED)
    matches = check_password_hash(user.password_hash, password)
    if not user.active:
        record(session, "login.failed", target=target, reason="inactive")
        return Attempt(Outcome.FAILED)
    if not matches:
        register_failure(session, user, "password", client)
        return Attempt(Outcome.FAILED)
    if user.totp_secret:
        return Attempt(Outcome.NEEDS_TOTP, user)
    if user.role in TOTP_REQUIRED_ROLES:
        record(session, "login.failed", target=target, reason="no-second-factor")
        return Attempt(Outcome.NEEDS_ENROLMENT, user)
    register_success(session, user, second_factor=False, client=client)
    return Attempt(Outcome.OK, user)


def check_second_factor(session: Session, user: User, code: str, client: str = "") -> Attempt:
    """Second step: the TOTP code of a user whose password was right."""
    if not user.active or not user.totp_secret or throttle.wait(session, client):
        record(session, "login.failed", target=_target(user), reason="totp-refused")
        return Attempt(Outcome.FAILED)
    step = totp.matching_step(user.totp_secret, code, clock.now())
    if step is None:
        register_failure(session, user, "totp", client)
        return Attempt(Outcome.FAILED)
    if not claim_step(session, user, step):
        register_failure(session, user, "totp-replay", client)
        return Attempt(Outcome.FAILED)
    register_success(session, user, second_factor=True, client=client)
    return Attempt(Outcome.OK, user)


def claim_step(session: Session, user: User, step: int) -> bool:
    """Mark the code of ``step`` as used; False if it (or a later one) was used already.

    One conditional UPDATE, so two sign-ins racing with the same code cannot
    both succeed (RFC 6238, section 5.2).
    """
    result = session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
    )
    return bool(result.rowcount == 1)


def register_failure(session: Session, user: User, reason: str, client: str = "") -> None:
    """Count a failure in the database itself, so parallel guesses are all counted.

    The account's own count is kept for the audit log and the admin pages; it
    locks nothing. What slows guessing is the pair's delay.
    """
    failures = session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    details: dict[str, object] = {"reason": reason, "failures": failures}
    delay = throttle.delay_after(throttle.register_failure(session, client))
    if delay:
        details["delay_seconds"] = int(delay.total_seconds())
    session.expire(user, ["failed_logins"])
    record(session, "login.failed", actor=None, target=_target(user), **details)


def register_success(
    session: Session, user: User, *, second_factor: bool, client: str = ""
) -> None:
    user.failed_logins = 0
    user.locked_until = None
    throttle.clear(session, client)
    record(session, "login", actor=user, target=_target(user), totp=second_factor)


def _target(user: User) -> str:
    return f"user:{user.username}"
