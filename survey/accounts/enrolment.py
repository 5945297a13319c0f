"""Single-use, expiring enrolment links: how a staff member sets up their account.

An admin (in the web) or the operator (``flask users add`` / ``users
enrolment-link``) makes a link; only its SHA-256 is stored. Whoever opens it
sets the account's password and, where the role requires one (admin), its
second factor; then the link is spent. Nobody chooses a second factor with a
password alone any more. Making and using a link are both audit-logged.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from survey.audit.operations import record

from . import clock
from .models import TOTP_REQUIRED_ROLES, User
from .operations import check_new_password

#: Path of the enrolment page; the token follows.
PATH = "/account/enrol/"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def needs_totp(user: User) -> bool:
    return user.role in TOTP_REQUIRED_ROLES


def issue(session: Session, user: User, *, hours: int, actor: Any = None) -> str:
    """A new link's token for ``user`` (an earlier link stops working)."""
    token = secrets.token_urlsafe(32)
    user.enrolment_token_hash = _digest(token)
    user.enrolment_expires_at = clock.now() + timedelta(hours=hours)
    record(
        session,
        "user.enrolment_link",
        actor=actor,
        target=f"user:{user.username}",
        hours=hours,
        totp=needs_totp(user),
    )
    return token


def find(session: Session, token: str) -> User | None:
    """The active user whose unexpired link carries ``token``, else None."""
    if not token or len(token) > 100:
        return None
    user = session.scalar(select(User).where(User.enrolment_token_hash == _digest(token)))
    if user is None or not user.active:
        return None
    expires = clock.aware(user.enrolment_expires_at)
    if expires is None or expires <= clock.now():
        return None
    return user


def complete(
    session: Session,
    user: User,
    token: str,
    password: str,
    *,
    totp_secret: str | None = None,
    totp_step: int | None = None,
) -> bool:
    """Set the password (and second factor) and spend the link; False if spent already.

    Raises :class:`~survey.accounts.operations.WeakPassword` and changes nothing
    when the password may not be used. One conditional UPDATE claims the link,
    so two submissions racing with it cannot both succeed.
    """
    check_new_password(password, user.username)
    if needs_totp(user) and (totp_secret is None or totp_step is None):
        raise ValueError("this account needs its second factor with the password")
    claimed = session.execute(
        update(User)
        .where(User.id == user.id, User.enrolment_token_hash == _digest(token))
        .values(enrolment_token_hash=None, enrolment_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    session.expire(user, ["enrolment_token_hash", "enrolment_expires_at"])
    user.password_hash = generate_password_hash(password)
    user.session_version += 1
    user.failed_logins = 0
    user.locked_until = None
    if totp_secret is not None:
        user.totp_secret = totp_secret
        user.totp_last_step = totp_step
    record(
        session,
        "user.enrolment_use",
        actor=user,
        target=f"user:{user.username}",
        totp=totp_secret is not None,
    )
    return True


def link(base: str | None, token: str) -> str:
    """The link to hand over: under the public address when one is known."""
    return f"{(base or '').rstrip('/')}{PATH}{token}"
