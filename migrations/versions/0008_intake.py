"""The intake: a submission writes one row, filed into responses in batches.

See survey/responses/intake.py. Downgrade refuses while rows are waiting to
be filed (`flask responses drain` files them), so that no answer is dropped.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "intake",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hour_band", sa.SmallInteger(), nullable=True),
        sa.Column("device_id", sa.Integer(), nullable=True),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "channel IN ('kiosk', 'online', 'paper')", name=op.f("ck_intake_channel")
        ),
        sa.CheckConstraint(
            "device_id IS NULL OR channel = 'kiosk'", name=op.f("ck_intake_device_kiosk")
        ),
        sa.CheckConstraint(
            "comment IS NULL OR length(comment) BETWEEN 1 AND 2000", name=op.f("ck_intake_comment")
        ),
        sa.CheckConstraint("hour_band BETWEEN 0 AND 3", name=op.f("ck_intake_hour_band")),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["kiosk_device.id"],
            name=op.f("fk_intake_device_id_kiosk_device"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["questionnaire.id"],
            name=op.f("fk_intake_questionnaire_id_questionnaire"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_intake_site_id_site"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake")),
    )


def downgrade() -> None:
    waiting = op.get_bind().scalar(sa.text("SELECT count(*) FROM intake"))
    if waiting:
        raise RuntimeError(
            f"{waiting} responses wait in the intake: run `flask responses drain` first"
        )
    op.drop_table("intake")
