"""The time as sign-in, throttling, enrolment links and sessions see it.

One place to read it, so that tests drive a fake clock
(``monkeypatch.setattr(clock, "now", …)``) instead of sleeping.
"""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: they were stored as UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
