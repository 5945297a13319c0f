"""Measures get a type, targeted items, a roll-out end and an end day.

Revision ID: 0020
Revises: 0018
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("type", sa.String(length=40), server_default="other", nullable=False)
        )
        batch_op.add_column(
            sa.Column("items", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("rollout_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("end_day", sa.Date(), nullable=True))
        batch_op.create_check_constraint("end_after_start", "end_day IS NULL OR end_day >= day")
        batch_op.create_check_constraint(
            "rollout_after_start", "rollout_until IS NULL OR rollout_until >= day"
        )


def downgrade() -> None:
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_measure_rollout_after_start"), type_="check")
        batch_op.drop_constraint(op.f("ck_measure_end_after_start"), type_="check")
        batch_op.drop_column("end_day")
        batch_op.drop_column("rollout_until")
        batch_op.drop_column("items")
        batch_op.drop_column("type")
