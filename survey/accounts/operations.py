"""Creating users and checking passwords."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from survey.sites.models import Site

from .models import NETWORK_ROLES, ROLES, User

MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    pass


def add_user(
    session: Session, username: str, password: str, role: str, site_codes: Sequence[str] = ()
) -> User:
    username = username.strip()
    if not username:
        raise AccountError("a user needs a name")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(User.id).filter_by(username=username)) is not None:
        raise AccountError(f"user {username} exists already")
    sites = list(
        session.scalars(select(Site).where(Site.code.in_([c.upper() for c in site_codes])))
    )
    missing = {c.upper() for c in site_codes} - {s.code for s in sites}
    if missing:
        raise AccountError(f"unknown site(s): {', '.join(sorted(missing))}")
    if role not in NETWORK_ROLES and not sites:
        raise AccountError(f"a {role} needs at least one --site")
    user = User(
        username=username,
        password_hash=generate_password_hash(password),
        role=role,
        sites=sites if role not in NETWORK_ROLES else [],
    )
    session.add(user)
    session.flush()
    return user


def password_matches(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)
