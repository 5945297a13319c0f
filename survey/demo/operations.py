"""Loading the demo: sites, users, and synthetic responses through the real tally code."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.orm import Session

from survey.accounts.models import User, user_site
from survey.accounts.operations import add_user
from survey.alerts.models import AlertRule
from survey.audit.models import AuditEvent
from survey.kiosk.models import KioskDevice
from survey.measures.models import Measure
from survey.measures.operations import add_measure
from survey.questionnaires.operations import find, publish_builtin
from survey.responses import tallies
from survey.responses.models import Answer, Comment, Response
from survey.responses.operations import ItemIndex
from survey.sites.models import Site
from survey.sites.operations import add_site

if TYPE_CHECKING:
    from .generator import DemoResponse
from .story import SITES

DEMO_USERS = (
    ("admin", "admin", ()),
    ("provider", "provider", ()),
    ("lead-wi", "lead", ("WI",)),
    ("viewer-wi", "viewer", ("WI",)),
)
BATCH = 5000


class DemoRefused(RuntimeError):
    pass


@dataclass
class DemoResult:
    sites: int = 0
    responses: int = 0
    #: username → (role, password), to print once
    users: dict[str, tuple[str, str]] = field(default_factory=dict)


def has_data(session: Session) -> bool:
    return any(session.scalar(select(func.count()).select_from(m)) for m in (Site, User, Response))


def wipe(session: Session) -> None:
    """Delete every site, user, device and response (questionnaires stay)."""
    for table in (
        tallies.AnswerTally.__table__,
        tallies.MonthTally.__table__,
        tallies.ResponseTally.__table__,
        Comment.__table__,
        Answer.__table__,
        Response.__table__,
        KioskDevice.__table__,
        Measure.__table__,
        AlertRule.__table__,
        user_site,
        AuditEvent.__table__,
        User.__table__,
        Site.__table__,
    ):
        session.execute(delete(table))


def load(
    session: Session,
    responses: int = 50_000,
    seed: int = 2016,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    end: date | None = None,
) -> DemoResult:
    """Load the demo in one transaction (the caller commits).

    The story runs from October 2013 to June 2017. With ``end`` every date (answers
    and measures) moves by the same number of days so that the last answer falls on
    ``end``: the command line passes today, so that default periods, alerts and
    retention behave on a fresh install as they will with real answers.
    """
    if has_data(session):
        if not force:
            raise DemoRefused(
                "the database already holds sites, users or responses; "
                "use --force to replace ALL of them with demo data"
            )
        wipe(session)
    publish_builtin(session)
    questionnaire = find(session, "core@1")
    if questionnaire is None:  # publish_builtin above makes it available
        raise DemoRefused("the built-in questionnaire core@1 is missing")
    result = DemoResult()
    from .generator import generate  # NumPy: imported by the demo only, not by every command

    generated = generate(responses, seed)
    shift = _shift(generated, end)
    site_ids = {}
    for demo in SITES:
        site = add_site(
            session,
            demo.code,
            demo.name,
            locales=[],
            default_locale="de",
        )
        site_ids[demo.code] = site.id
        for measure in demo.measures:  # the marks on the dashboards' trend charts
            add_measure(session, site, measure.start + shift, measure.label, type=measure.type)
    result.sites = len(site_ids)
    for username, role, sites in DEMO_USERS:
        password = secrets.token_urlsafe(12)
        add_user(session, username, password, role, sites)
        result.users[username] = (role, password)
    conn = session.connection()
    items = ItemIndex.load(conn, questionnaire.id)
    for start in range(0, len(generated), BATCH):
        _insert(conn, generated[start : start + BATCH], site_ids, items, shift)
        if progress:
            progress(min(BATCH, len(generated) - start))
    tallies.rebuild(conn)
    result.responses = len(generated)
    return result


def _shift(generated: list[DemoResponse], end: date | None) -> timedelta:
    """How far the story moves so that its last answer falls on ``end``."""
    if end is None or not generated:
        return timedelta(0)
    return end - max(r.day for r in generated)


def _insert(
    conn: Connection,
    batch: list[DemoResponse],
    site_ids: dict[str, int],
    items: ItemIndex,
    shift: timedelta,
) -> None:
    """Bulk insert; the tallies are rebuilt afterwards with the same recount the checks use."""
    conn.execute(
        insert(Response.__table__),
        [
            {
                "id": r.id,
                "site_id": site_ids[r.site],
                "questionnaire_id": items.questionnaire_id,
                "channel": r.channel,
                "locale": r.locale,
                "day": r.day + shift,
                "hour_band": r.hour_band,
                "device_id": None,
                "flagged": False,
            }
            for r in batch
        ],
    )
    conn.execute(
        insert(Answer.__table__),
        [
            {"response_id": r.id, "item_id": items.ids[code], "value": value}
            for r in batch
            for code, values in r.answers.items()
            for value in values
        ],
    )
    comments = [{"response_id": r.id, "text": r.comment} for r in batch if r.comment]
    if comments:
        conn.execute(insert(Comment.__table__), comments)
