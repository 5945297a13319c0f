"""Growing delays after failed sign-ins, per account AND client together (ASVS V2.2).

A hard lock after a few failures lets anyone lock out any known account.
Here the failures of one account *from one client address* are counted: after
:data:`FREE_FAILURES` of them, that pair must wait before its next attempt,
2, 4, 8 … seconds, at most :data:`MAX_DELAY`. The account's owner, signing in
from elsewhere, is not slowed by someone guessing at it. A right password
clears the pair's count. Per client address, the forms are also rate-limited
(``survey.security.limits``), which bounds guessing over many accounts.

The counters live in the database, so every worker and instance sees them.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import clock
from .models import LoginThrottle

#: Failures of one account from one client before any delay.
FREE_FAILURES = 3
#: The longest wait between two attempts of one account from one client.
MAX_DELAY = timedelta(minutes=15)
#: A pair's count is forgotten this long after its last failure.
FORGET_AFTER = timedelta(days=1)


def client_key(secret: str | bytes, username: str, client: str | None) -> str:
    """The pair's key: an HMAC, so that neither name nor address is stored."""
    key = secret.encode() if isinstance(secret, str) else secret
    message = f"{username.strip().lower()}\0{client or 'unknown'}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def delay_after(failures: int) -> timedelta:
    """How long the pair waits after its ``failures``-th failure in a row."""
    if failures <= FREE_FAILURES:
        return timedelta(0)
    exponent = min(failures - FREE_FAILURES, 20)
    return min(timedelta(seconds=2**exponent), MAX_DELAY)


def wait(session: Session, key: str, at: datetime | None = None) -> timedelta:
    """How long the pair must still wait (zero: it may try now)."""
    if not key:
        return timedelta(0)
    until = clock.aware(session.scalar(select(LoginThrottle.blocked_until).filter_by(key=key)))
    moment = at or clock.now()
    return until - moment if until is not None and until > moment else timedelta(0)


def register_failure(session: Session, key: str, at: datetime | None = None) -> int:
    """Count a failure of the pair in the database; returns its failures in a row."""
    if not key:
        return 0
    moment = at or clock.now()
    failures = _increment(session, key, moment)
    if failures is None:
        try:
            with session.begin_nested():
                session.add(LoginThrottle(key=key, failures=1, last_failure_at=moment))
            failures = 1
        except IntegrityError:  # a parallel failure of the same pair inserted it first
            failures = _increment(session, key, moment) or 1
    delay = delay_after(failures)
    session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == key)
        .values(blocked_until=moment + delay if delay else None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(LoginThrottle)
        .where(LoginThrottle.last_failure_at < moment - FORGET_AFTER)
        .execution_options(synchronize_session=False)
    )
    return failures


def _increment(session: Session, key: str, moment: datetime) -> int | None:
    return session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == key)
        .values(failures=LoginThrottle.failures + 1, last_failure_at=moment)
        .returning(LoginThrottle.failures)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()


def clear(session: Session, key: str) -> None:
    """A right password: the pair starts again from nothing."""
    if not key:
        return
    session.execute(
        delete(LoginThrottle)
        .where(LoginThrottle.key == key)
        .execution_options(synchronize_session=False)
    )
