"""Writing and reading the audit trail.

Other features call :func:`record` for every sensitive action::

    record(db.session, "export.download", actor=current_user, target="site:WI",
           format="csv", rows=120)

``details`` hold who/what/how many — never respondents' answers or comments.
The event joins the caller's transaction: it is stored when the caller commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from .models import AuditEvent

#: Shown for actions without a signed-in user (CLI, failed logins, retention).
SYSTEM = "system"


def record(
    session: Session, action: str, *, actor: Any = None, target: str = "", **details: Any
) -> AuditEvent:
    """Add an audit event for ``action`` by ``actor`` (a User, a name, or None)."""
    actor_id, actor_name = _actor(actor)
    event = AuditEvent(
        actor_id=actor_id,
        actor=actor_name[:80],
        action=action[:64],
        target=target[:200],
        details={key: _plain(value) for key, value in details.items()},
    )
    session.add(event)
    return event


def _actor(actor: Any) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", True):
        return None, SYSTEM
    if isinstance(actor, str):
        return None, actor
    return getattr(actor, "id", None), str(getattr(actor, "username", SYSTEM))


def _plain(value: Any) -> Any:
    """JSON-safe: numbers, strings, booleans, and lists or mappings of them."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor: str = ""
    target: str = ""
    since: date | None = None
    until: date | None = None

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        if self.action:
            stmt = stmt.where(AuditEvent.action.startswith(self.action, autoescape=True))
        if self.actor:
            stmt = stmt.where(AuditEvent.actor == self.actor)
        if self.target:
            stmt = stmt.where(AuditEvent.target.contains(self.target, autoescape=True))
        if self.since:
            stmt = stmt.where(AuditEvent.at >= datetime.combine(self.since, time(), UTC))
        if self.until and self.until < date.max:  # 9999-12-31: no upper bound
            end = datetime.combine(self.until + timedelta(days=1), time(), UTC)
            stmt = stmt.where(AuditEvent.at < end)
        return stmt


def events(
    session: Session, where: AuditFilter, *, limit: int = 200, offset: int = 0
) -> Sequence[AuditEvent]:
    """Newest first."""
    stmt = where.apply(select(AuditEvent)).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return session.scalars(stmt.limit(limit).offset(offset)).all()


def actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
