"""merge: access (0002) and kiosk pairing codes (0003) both follow 0001

No schema change: joins the two branches into one head, so that a database
at either revision (or at 0001) upgrades the same way.

Revision ID: 0004
Revises: 0002, 0003
Create Date: 2026-11-21
"""

from collections.abc import Sequence

revision: str = "0004"
down_revision: str | Sequence[str] | None = ("0002", "0003")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
