"""Deleting what must not be kept.

- :func:`run_retention` deletes raw free-text comments older than each site's
  ``comment_retention_days``, counted from the response's day. The answers and
  the tallies stay, so every figure is unchanged. It also cuts the kiosk
  devices' times to the hour and the day (:mod:`survey.kiosk.coarse`).
- :func:`delete_site_data` deletes everything a site collected: responses with
  their answers and comments, tallies, paired devices and pairing codes. The site itself, its
  settings and its staff stay, so that its printed QR codes keep working.
Both write an audit event with counts only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from survey.audit.operations import record
from survey.form.models import InvitationCode
from survey.kiosk.models import KioskDevice, PairingCode
from survey.kiosk.operations import coarsen_all
from survey.responses.models import Comment, Response
from survey.responses.tallies import AnswerTally, MonthTally, ResponseTally
from survey.sites.models import Site


def cutoff(today: date, retention_days: int) -> date:
    """Comments of responses given before this day are due for deletion."""
    return today - timedelta(days=retention_days)


def _due(site: Site, today: date) -> Any:
    """The responses of ``site`` whose comments are due for deletion on ``today``."""
    return select(Response.id).where(
        Response.site_id == site.id,
        Response.day < cutoff(today, site.comment_retention_days),
    )


def due_comments(session: Session, today: date) -> dict[str, int]:
    """How many comments :func:`run_retention` would delete, per site code (a dry run)."""
    counts: dict[str, int] = {}
    for site in session.scalars(select(Site).order_by(Site.code)):
        query = select(func.count()).select_from(Comment)
        n = session.scalar(query.where(Comment.response_id.in_(_due(site, today)))) or 0
        if n:
            counts[site.code] = int(n)
    return counts


def run_retention(session: Session, today: date, *, actor: Any = None) -> dict[str, int]:
    """Delete the comments that are due; return how many per site code."""
    deleted: dict[str, int] = {}
    for site in session.scalars(select(Site).order_by(Site.code)):
        result = session.execute(
            delete(Comment).where(Comment.response_id.in_(_due(site, today))),
            execution_options={"synchronize_session": False},
        )
        if result.rowcount:
            deleted[site.code] = int(result.rowcount)
    devices = coarsen_all(session, datetime.combine(today, time(), UTC))
    record(
        session,
        "retention.run",
        actor=actor,
        target="comments",
        day=today.isoformat(),
        deleted=deleted,
        devices_coarsened=devices,
    )
    return deleted


def delete_site_data(session: Session, site: Site, *, actor: Any) -> dict[str, int]:
    """Delete every response, comment, tally and device of ``site``; return counts."""
    counts = {
        "responses": int(
            session.scalar(select(func.count()).where(Response.site_id == site.id)) or 0
        ),
        "comments": int(
            session.scalar(
                select(func.count())
                .select_from(Comment)
                .join(Response, Response.id == Comment.response_id)
                .where(Response.site_id == site.id)
            )
            or 0
        ),
    }
    options = {"synchronize_session": False}
    session.execute(
        delete(Comment).where(
            Comment.response_id.in_(select(Response.id).where(Response.site_id == site.id))
        ),
        execution_options=options,
    )
    for model in (ResponseTally, AnswerTally, MonthTally):
        session.execute(delete(model).where(model.site_id == site.id), execution_options=options)
    session.execute(delete(Response).where(Response.site_id == site.id), execution_options=options)
    for codes in (PairingCode, InvitationCode):
        session.execute(delete(codes).where(codes.site_id == site.id), execution_options=options)
    result = session.execute(
        delete(KioskDevice).where(KioskDevice.site_id == site.id), execution_options=options
    )
    counts["devices"] = int(result.rowcount or 0)
    record(session, "site.delete_data", actor=actor, target=f"site:{site.code}", **counts)
    return counts
