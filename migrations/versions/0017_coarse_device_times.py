"""Kiosk devices: cut the stored times to the hour (last seen) and the day (last answer).

No schema change: the values already stored are coarsened, as the application
now stores them (survey/kiosk/coarse.py). The exact times cannot come back, so
the downgrade leaves them as they are.

Revision ID: 0017
Revises: 0007
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

devices = sa.table(
    "kiosk_device",
    sa.column("id", sa.Integer()),
    sa.column("last_seen_at", sa.DateTime(timezone=True)),
    sa.column("last_response_at", sa.DateTime(timezone=True)),
)


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(devices.c.id, devices.c.last_seen_at, devices.c.last_response_at)
    ).all()
    for device_id, seen, last in rows:
        seen, last = _utc(seen), _utc(last)
        conn.execute(
            devices.update()
            .where(devices.c.id == device_id)
            .values(
                last_seen_at=seen and seen.replace(minute=0, second=0, microsecond=0),
                last_response_at=last and last.replace(hour=0, minute=0, second=0, microsecond=0),
            )
        )


def downgrade() -> None:
    """The exact times are gone: nothing to restore."""
