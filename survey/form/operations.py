"""What the form pages need: the site, the questionnaire, the retention period."""

from __future__ import annotations

from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.questionnaires.definition import Definition, builtin
from survey.sites.models import Site

DEFAULT_RETENTION_DAYS = 365


def open_site(session: Session, code: str) -> Site | None:
    """The enabled site with this code (any case), or None."""
    site = session.scalar(select(Site).filter_by(code=code.strip().upper()))
    return site if site is not None and site.enabled else None


@cache
def current_definition(code: str = "core") -> Definition:
    """The newest built-in version of a questionnaire; the form asks this one."""
    return [d for d in builtin() if d.code == code][-1]
