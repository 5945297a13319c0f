"""The office's details on the privacy notice and the accessibility statement.

Plain ``ALTER TABLE … ADD COLUMN`` (never a batch copy: on SQLite that would
recreate ``site`` and cascade-delete the rows that refer to it). Existing sites
get empty details, so their pages show the "not yet filled in" notice.

Revision ID: 0022
Revises: 0021
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXTS = (
    ("legal_name", 300),
    ("legal_address", 500),
    ("legal_contact", 500),
    ("dpo_contact", 500),
    ("supervisory_authority", 500),
)


def upgrade() -> None:
    for name, length in TEXTS:
        op.add_column("site", sa.Column(name, sa.String(length), nullable=False, server_default=""))
    op.add_column("site", sa.Column("accessibility_reviewed", sa.Date(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE site DROP COLUMN accessibility_reviewed")
    for name, _length in reversed(TEXTS):
        op.execute(f"ALTER TABLE site DROP COLUMN {name}")
