"""Checking a password and a second factor, with lockout after repeated failures.

Per account: after :data:`MAX_FAILURES` failures in a row the account is locked
for :data:`LOCK_MINUTES` minutes, doubling with each further round of failures
(at most a day). Per client address, the forms are throttled
(``survey.security.limits``). Every outcome is written to the audit log.
"""

from __future__ import annotations

import enum
import functools
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from survey.audit.operations import record

from . import totp
from .models import User

MAX_FAILURES = 5
LOCK_MINUTES = 15
MAX_LOCK = timedelta(days=1)


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the name is unknown, so that the answer takes as long."""
    return generate_password_hash(secrets.token_hex(16))


class Outcome(enum.Enum):
    OK = "ok"
    NEEDS_TOTP = "needs_totp"
    FAILED = "failed"


@dataclass(frozen=True)
class Attempt:
    outcome: Outcome
    user: User | None = None


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: they were stored as UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def is_locked(user: User, at: datetime | None = None) -> bool:
    until = aware(user.locked_until)
    return until is not None and until > (at or now())


def check_password(session: Session, username: str, password: str) -> Attempt:
    """First step of signing in. Unknown, inactive, locked and wrong look alike."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        check_password_hash(_dummy_hash(), password)
        # The typed name is not kept: it is sometimes a mistyped password.
        record(session, "login.failed", target="user:?", reason="unknown")
        return Attempt(Outcome.FAILED)
    matches = check_password_hash(user.password_hash, password)
    if not user.active:
        record(session, "login.failed", target=_target(user), reason="inactive")
        return Attempt(Outcome.FAILED)
    if is_locked(user):
        record(session, "login.failed", target=_target(user), reason="locked")
        return Attempt(Outcome.FAILED)
    if not matches:
        register_failure(session, user, "password")
        return Attempt(Outcome.FAILED)
    if user.totp_secret:
        return Attempt(Outcome.NEEDS_TOTP, user)
    register_success(session, user, second_factor=False)
    return Attempt(Outcome.OK, user)


def check_second_factor(session: Session, user: User, code: str) -> Attempt:
    """Second step: the TOTP code of a user whose password was right."""
    if not user.active or is_locked(user) or not user.totp_secret:
        record(session, "login.failed", target=_target(user), reason="totp-refused")
        return Attempt(Outcome.FAILED)
    step = totp.matching_step(user.totp_secret, code)
    if step is None:
        register_failure(session, user, "totp")
        return Attempt(Outcome.FAILED)
    if not claim_step(session, user, step):
        register_failure(session, user, "totp-replay")
        return Attempt(Outcome.FAILED)
    register_success(session, user, second_factor=True)
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


def register_failure(session: Session, user: User, reason: str) -> None:
    """Count a failure in the database itself, so parallel guesses are all counted."""
    failures = session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    details: dict[str, object] = {"reason": reason, "failures": failures}
    if failures % MAX_FAILURES == 0:
        rounds = failures // MAX_FAILURES
        lock = min(timedelta(minutes=LOCK_MINUTES * 2 ** (rounds - 1)), MAX_LOCK)
        session.execute(
            update(User)
            .where(User.id == user.id)
            .values(locked_until=now() + lock)
            .execution_options(synchronize_session=False)
        )
        details["locked_minutes"] = int(lock.total_seconds() // 60)
    session.expire(user, ["failed_logins", "locked_until"])
    record(session, "login.failed", actor=None, target=_target(user), **details)


def register_success(session: Session, user: User, *, second_factor: bool) -> None:
    user.failed_logins = 0
    user.locked_until = None
    record(session, "login", actor=user, target=_target(user), totp=second_factor)


def _target(user: User) -> str:
    return f"user:{user.username}"
