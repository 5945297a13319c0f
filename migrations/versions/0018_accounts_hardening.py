"""Sign-in throttling per account and client; single-use enrolment links;
rate-limit counters in the database (shared by every worker).

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("failures >= 0", name=op.f("ck_login_throttle_failures")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    op.create_index(
        op.f("ix_login_throttle_last_failure_at"), "login_throttle", ["last_failure_at"]
    )
    op.create_table(
        "rate_limit_counter",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limit_counter")),
    )
    op.create_index(op.f("ix_rate_limit_counter_expires_at"), "rate_limit_counter", ["expires_at"])
    # Plain ADD COLUMN and a unique index: a batch rebuild of user_account on SQLite (with
    # foreign keys on) would delete every user_site row through ON DELETE CASCADE.
    op.add_column("user_account", sa.Column("enrolment_token_hash", sa.String(64), nullable=True))
    op.add_column(
        "user_account", sa.Column("enrolment_expires_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_index(
        op.f("ix_user_account_enrolment_token_hash"),
        "user_account",
        ["enrolment_token_hash"],
        unique=True,
    )
    # A hard lock is no more: the lock of a known account is lifted.
    op.execute("UPDATE user_account SET locked_until = NULL")


def downgrade() -> None:
    op.drop_index(op.f("ix_user_account_enrolment_token_hash"), table_name="user_account")
    op.drop_column("user_account", "enrolment_expires_at")
    op.drop_column("user_account", "enrolment_token_hash")
    op.drop_index(op.f("ix_rate_limit_counter_expires_at"), table_name="rate_limit_counter")
    op.drop_table("rate_limit_counter")
    op.drop_index(op.f("ix_login_throttle_last_failure_at"), table_name="login_throttle")
    op.drop_table("login_throttle")
