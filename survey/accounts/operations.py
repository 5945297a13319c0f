"""Creating and changing users. Every change ends in the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from survey.audit.operations import record
from survey.sites.models import Site

from .models import NETWORK_ROLES, ROLES, User
from .passwords import ENGLISH, Weakness, weakness

#: The password hash of an account whose password is still to be set through its
#: enrolment link: no password matches it.
NO_PASSWORD = "!"  # noqa: S105 - a marker, not a password


class AccountError(ValueError):
    pass


class WeakPassword(AccountError):
    """A new password that may not be used; ``reason`` says why (shown translated)."""

    def __init__(self, reason: Weakness) -> None:
        super().__init__(ENGLISH[reason])
        self.reason = reason


def add_user(
    session: Session,
    username: str,
    password: str | None,
    role: str,
    site_codes: Sequence[str] = (),
    *,
    actor: Any = None,
) -> User:
    username = username.strip()
    if not username:
        raise AccountError("a user needs a name")
    if len(username) > 80:
        raise AccountError("a user name has at most 80 characters")
    if session.scalar(select(User.id).filter_by(username=username)) is not None:
        raise AccountError(f"user {username} exists already")
    sites = _role_sites(session, role, site_codes)
    if password is None:
        # Set by the person through an enrolment link (survey.accounts.enrolment).
        password_hash = NO_PASSWORD
    else:
        check_new_password(password, username)
        password_hash = generate_password_hash(password)
    user = User(username=username, password_hash=password_hash, role=role, sites=sites)
    session.add(user)
    session.flush()
    record(
        session,
        "user.add",
        actor=actor,
        target=f"user:{username}",
        role=role,
        sites=[s.code for s in sites],
    )
    return user


def _role_sites(session: Session, role: str, site_codes: Sequence[str]) -> list[Site]:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    codes = {c.strip().upper() for c in site_codes}
    sites = list(session.scalars(select(Site).where(Site.code.in_(codes)).order_by(Site.code)))
    missing = codes - {s.code for s in sites}
    if missing:
        raise AccountError(f"unknown site(s): {', '.join(sorted(missing))}")
    if role in NETWORK_ROLES:
        return []
    if not sites:
        raise AccountError(f"a {role} needs at least one --site")
    return sites


def check_new_password(password: str, username: str) -> None:
    """Raise :class:`WeakPassword` unless ``password`` may be set for ``username``."""
    reason = weakness(password, [username])
    if reason is not None:
        raise WeakPassword(reason)


def password_matches(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def find_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise AccountError(f"no user {username.strip()}")
    return user


def set_password(session: Session, user: User, password: str, *, actor: Any = None) -> None:
    """New password; every session of ``user`` ends, and a lockout is lifted."""
    check_new_password(password, user.username)
    user.password_hash = generate_password_hash(password)
    user.session_version += 1
    user.failed_logins = 0
    user.locked_until = None
    own = actor is not None and getattr(actor, "id", None) == user.id
    record(
        session,
        "user.password_change" if own else "user.password_reset",
        actor=actor,
        target=f"user:{user.username}",
    )


def set_active(session: Session, user: User, active: bool, *, actor: Any = None) -> None:
    """Disable (ending every session) or enable an account."""
    if user.active == active:
        return
    user.active = active
    if not active:
        user.session_version += 1
    record(
        session,
        "user.enable" if active else "user.disable",
        actor=actor,
        target=f"user:{user.username}",
    )


def set_role(
    session: Session, user: User, role: str, site_codes: Sequence[str], *, actor: Any = None
) -> None:
    """Change role and sites; the user's sessions end when either changes."""
    sites = _role_sites(session, role, site_codes)
    before = (user.role, [s.code for s in user.sites])
    after = (role, [s.code for s in sites])
    if before == after:
        return
    user.role = role
    user.sites = sites
    user.session_version += 1
    record(
        session,
        "user.role",
        actor=actor,
        target=f"user:{user.username}",
        role=role,
        sites=after[1],
        previous_role=before[0],
        previous_sites=before[1],
    )


def sign_out(session: Session, user: User) -> None:
    """End every session of ``user``: a copied session cookie stops working too."""
    user.session_version += 1
    record(session, "logout", actor=user, target=f"user:{user.username}")


def enable_totp(session: Session, user: User, secret: str, step: int, *, actor: Any = None) -> None:
    """Store the second factor; ``step`` is the code just confirmed (not usable again)."""
    user.totp_secret = secret
    user.totp_last_step = step
    record(session, "user.totp_enable", actor=actor or user, target=f"user:{user.username}")


def reset_totp(session: Session, user: User, *, actor: Any = None) -> None:
    """Remove the second factor (lost phone); the user enrols again at next sign-in."""
    user.totp_secret = None
    user.totp_last_step = None
    user.session_version += 1
    record(session, "user.totp_reset", actor=actor, target=f"user:{user.username}")


def users(session: Session) -> Sequence[User]:
    return session.scalars(select(User).order_by(User.username)).all()
