"""What the form pages need: the site, the questionnaire, the retention period."""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any

from sqlalchemy import Connection, Row, bindparam, select
from sqlalchemy.orm import Session

from survey.i18n import selection
from survey.questionnaires.definition import Definition, builtin
from survey.sites.models import Site
from survey.sites.operations import lookup_code

DEFAULT_RETENTION_DAYS = 365


def open_site(session: Session, code: str) -> Site | None:
    """The enabled site with this code (any case), or None."""
    key = lookup_code(code)
    site = None if key is None else session.scalar(select(Site).filter_by(code=key))
    return site if site is not None and site.enabled else None


_SITE = Site.__table__
_FIND_SITE = select(_SITE).where(_SITE.c.code == bindparam("site_code"))


def find_site(conn: Connection, code: str) -> Row[Any] | None:
    """:func:`open_site` as a row of the site's columns: no ORM, on ``conn``."""
    key = lookup_code(code)
    row = None if key is None else conn.execute(_FIND_SITE, {"site_code": key}).first()
    return row if row is not None and row.enabled else None


@cache
def current_definition(code: str = "core") -> Definition:
    """The newest built-in version of a questionnaire; the form asks this one."""
    return [d for d in builtin() if d.code == code][-1]


#: Online answers per client address (`limits` syntax); nothing of it is stored
#: with a response. Override with SURVEY_FORM_RATELIMIT.
FORM_LIMIT = "10 per minute; 60 per hour"


def site_locales(site: Any) -> set[str]:
    """The locale codes a site accepts answers in (all 18 when it names none)."""
    return {info.code for info in selection.offered(site)}


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
