"""Measures (dated marks on a site's trend) and alert rules (thresholds on the last answers).

Revision ID: 0007
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "measure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.CheckConstraint("length(label) >= 1", name=op.f("ck_measure_label")),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_measure_site_id_site"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure")),
    )
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measure_site_id"), ["site_id"], unique=False)
    op.create_table(
        "alert_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("last_n", sa.Integer(), nullable=False),
        sa.Column("recipients", sa.String(length=1000), nullable=False),
        sa.Column("notified_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('csat_below', 'referral_gap_above')", name=op.f("ck_alert_rule_kind")
        ),
        sa.CheckConstraint("last_n >= 30", name=op.f("ck_alert_rule_last_n")),
        sa.CheckConstraint("threshold > 0 AND threshold < 1", name=op.f("ck_alert_rule_threshold")),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_alert_rule_site_id_site"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_rule")),
        sa.UniqueConstraint("site_id", "kind", name=op.f("uq_alert_rule_site_id_kind")),
    )
    with op.batch_alter_table("alert_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_rule_site_id"), ["site_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alert_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_rule_site_id"))
    op.drop_table("alert_rule")
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measure_site_id"))
    op.drop_table("measure")
