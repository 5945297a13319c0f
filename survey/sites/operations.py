"""Creating and finding sites."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Site

CODE_PATTERN = re.compile(r"^[A-Z0-9]{1,16}$")


class SiteError(ValueError):
    pass


def lookup_code(code: str) -> str | None:
    """``code`` as stored (upper case), or None when no site can have it.

    Lookups check this before asking the database: a URL may carry anything, and
    PostgreSQL refuses some strings outright (a NUL byte is an error, not a miss).
    """
    key = code.strip().upper()
    return key if CODE_PATTERN.match(key) else None


def add_site(
    session: Session, code: str, name: str, *, locales: list[str] | None = None, **settings: object
) -> Site:
    code = code.strip().upper()
    if not CODE_PATTERN.match(code):
        raise SiteError(f"invalid site code {code!r}: use 1–16 letters A–Z or digits")
    if not name.strip():
        raise SiteError("a site needs a name")
    if session.scalar(select(Site.id).filter_by(code=code)) is not None:
        raise SiteError(f"site {code} exists already")
    site = Site(code=code, name=name.strip(), locales=list(locales or []), **settings)
    session.add(site)
    session.flush()
    return site


def get_site(session: Session, code: str) -> Site | None:
    key = lookup_code(code)
    return None if key is None else session.scalar(select(Site).filter_by(code=key))
