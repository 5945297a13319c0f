"""kiosk pairing codes

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kiosk_pairing_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("code_hash", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("device_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["kiosk_device.id"],
            name=op.f("fk_kiosk_pairing_code_device_id_kiosk_device"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["site.id"],
            name=op.f("fk_kiosk_pairing_code_site_id_site"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosk_pairing_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_kiosk_pairing_code_code_hash")),
    )
    with op.batch_alter_table("kiosk_pairing_code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kiosk_pairing_code_site_id"), ["site_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("kiosk_pairing_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kiosk_pairing_code_site_id"))
    op.drop_table("kiosk_pairing_code")
