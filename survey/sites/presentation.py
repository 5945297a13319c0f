"""Switching a site's scale presentation (faces or not): the provider's decision.

Shared by the admin page and ``flask sites presentation``. Each switch is
audit-logged with the old and new version, so the moment of the break is on
record beside the responses, which carry their version themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.audit.operations import record
from survey.responses import presentation
from survey.responses.models import Response

from .models import Site


@dataclass(frozen=True)
class SitePresentation:
    code: str
    name: str
    version: int
    #: stored responses per presentation version name ("" for not recorded)
    responses: dict[str, int]


def set_presentation(session: Session, site: Site, version: int, *, actor: Any) -> bool:
    """Show the scale of ``site`` as ``version`` from now on; return whether it changed."""
    if version not in presentation.OFFERED:
        raise ValueError(f"unknown presentation {version!r}")
    if site.scale_presentation == version:
        return False
    before = site.scale_presentation
    site.scale_presentation = version
    session.flush()
    record(
        session,
        "site.presentation",
        actor=actor,
        target=f"site:{site.code}",
        before=presentation.name_of(before),
        after=presentation.name_of(version),
    )
    return True


def overview(session: Session, sites: Sequence[Site]) -> list[SitePresentation]:
    """Each site's setting and how many of its responses were given under each version."""
    counts: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(Response.site_id, Response.presentation, func.count())
        .where(Response.site_id.in_([s.id for s in sites]))
        .group_by(Response.site_id, Response.presentation)
    ).all()
    for site_id, version, n in rows:
        counts.setdefault(site_id, {})[presentation.name_of(version)] = n
    return [
        SitePresentation(s.code, s.name, s.scale_presentation, counts.get(s.id, {})) for s in sites
    ]
