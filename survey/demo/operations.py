"""Loading the demo: sites, users, and synthetic responses through the real tally code."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

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
) -> DemoResult:
    """Load the demo in one transaction (the caller commits)."""
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
            add_measure(session, site, measure.start, measure.label)
    result.sites = len(site_ids)
    for username, role, sites in DEMO_USERS:
        password = secrets.token_urlsafe(12)
        add_user(session, username, password, role, sites)
        result.users[username] = (role, password)
    conn = session.connection()
    items = ItemIndex.load(conn, questionnaire.id)
    from .generator import generate  # NumPy: imported by the demo only, not by every command

    generated = generate(responses, seed)
    for start in range(0, len(generated), BATCH):
        _insert(conn, generated[start : start + BATCH], site_ids, items)
        if progress:
            progress(min(BATCH, len(generated) - start))
    tallies.rebuild(conn)
    result.responses = len(generated)
    return result


def _insert(conn: Connection, batch: list, site_ids: dict[str, int], items: ItemIndex) -> None:
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
                "day": r.day,
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
