"""Invitation codes: single-use codes for online answers (hash and day of use only).

Revision ID: 0005
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "invitation_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["site.id"],
            name=op.f("fk_invitation_code_site_id_site"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_invitation_code_code_hash")),
    )
    with op.batch_alter_table("invitation_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_code_site_id"), ["site_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("invitation_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_code_site_id"))
    op.drop_table("invitation_code")
