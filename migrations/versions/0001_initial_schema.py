"""initial schema

Revision ID: 0001
Revises: -
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "questionnaire",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("version >= 1", name=op.f("ck_questionnaire_version")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire")),
        sa.UniqueConstraint("code", "version", name=op.f("uq_questionnaire_code_version")),
    )
    op.create_table(
        "site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("locales", sa.JSON(), nullable=False),
        sa.Column("default_locale", sa.String(length=8), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("kiosk_idle_seconds", sa.Integer(), nullable=False),
        sa.Column("kiosk_min_interval_seconds", sa.Integer(), nullable=False),
        sa.Column("comment_retention_days", sa.Integer(), nullable=False),
        sa.Column("invitation_required", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "code = upper(code) AND length(code) BETWEEN 1 AND 16", name=op.f("ck_site_code")
        ),
        sa.CheckConstraint(
            "comment_retention_days BETWEEN 1 AND 3650", name=op.f("ck_site_retention")
        ),
        sa.CheckConstraint("kiosk_idle_seconds BETWEEN 10 AND 3600", name=op.f("ck_site_idle")),
        sa.CheckConstraint(
            "kiosk_min_interval_seconds BETWEEN 0 AND 3600", name=op.f("ck_site_interval")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
        sa.UniqueConstraint("code", name=op.f("uq_site_code")),
    )
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("totp_secret", sa.String(length=64), nullable=True),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('admin', 'provider', 'lead', 'viewer')", name=op.f("ck_user_account_role")
        ),
        sa.CheckConstraint("failed_logins >= 0", name=op.f("ck_user_account_failed_logins")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
    )
    op.create_table(
        "audit_event",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["user_account.id"],
            name=op.f("fk_audit_event_actor_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)

    op.create_table(
        "item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("max_value", sa.Integer(), nullable=True),
        sa.Column("allow_na", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('scale', 'choice', 'multi', 'text')", name=op.f("ck_item_kind")
        ),
        sa.CheckConstraint("max_value IS NULL OR max_value >= 1", name=op.f("ck_item_max_value")),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["questionnaire.id"],
            name=op.f("fk_item_questionnaire_id_questionnaire"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item")),
        sa.UniqueConstraint("questionnaire_id", "code", name=op.f("uq_item_questionnaire_id_code")),
        sa.UniqueConstraint(
            "questionnaire_id", "position", name=op.f("uq_item_questionnaire_id_position")
        ),
    )
    op.create_table(
        "kiosk_device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("app_version", sa.String(length=32), nullable=False),
        sa.Column("queue_length", sa.Integer(), nullable=False),
        sa.Column("last_response_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("queue_length >= 0", name=op.f("ck_kiosk_device_queue_length")),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_kiosk_device_site_id_site"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosk_device")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_kiosk_device_token_hash")),
    )
    with op.batch_alter_table("kiosk_device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kiosk_device_site_id"), ["site_id"], unique=False)

    op.create_table(
        "tally_response",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.CheckConstraint("n >= 0", name=op.f("ck_tally_response_n")),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["questionnaire.id"],
            name=op.f("fk_tally_response_questionnaire_id_questionnaire"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["site.id"],
            name=op.f("fk_tally_response_site_id_site"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "site_id",
            "day",
            "channel",
            "locale",
            "questionnaire_id",
            name=op.f("pk_tally_response"),
        ),
    )
    op.create_table(
        "user_site",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_user_site_site_id_site"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_user_site_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "site_id", name=op.f("pk_user_site")),
    )
    op.create_table(
        "response",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hour_band", sa.SmallInteger(), nullable=True),
        sa.Column("device_id", sa.Integer(), nullable=True),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "channel IN ('kiosk', 'online', 'paper')", name=op.f("ck_response_channel")
        ),
        sa.CheckConstraint(
            "device_id IS NULL OR channel = 'kiosk'", name=op.f("ck_response_device_kiosk")
        ),
        sa.CheckConstraint("hour_band BETWEEN 0 AND 3", name=op.f("ck_response_hour_band")),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["kiosk_device.id"],
            name=op.f("fk_response_device_id_kiosk_device"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["questionnaire.id"],
            name=op.f("fk_response_questionnaire_id_questionnaire"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_response_site_id_site"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response")),
    )
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_response_device_id"), ["device_id"], unique=False)
        batch_op.create_index("ix_response_site_day", ["site_id", "day"], unique=False)

    op.create_table(
        "tally_answer",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.SmallInteger(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.CheckConstraint("n >= 0", name=op.f("ck_tally_answer_n")),
        sa.CheckConstraint("value >= -1", name=op.f("ck_tally_answer_value")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("fk_tally_answer_item_id_item")
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["questionnaire.id"],
            name=op.f("fk_tally_answer_questionnaire_id_questionnaire"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_tally_answer_site_id_site"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint(
            "site_id",
            "day",
            "channel",
            "questionnaire_id",
            "item_id",
            "value",
            name=op.f("pk_tally_answer"),
        ),
    )
    op.create_table(
        "tally_month",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("topic", sa.SmallInteger(), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.SmallInteger(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.CheckConstraint("n >= 0", name=op.f("ck_tally_month_n")),
        sa.CheckConstraint("topic >= 0", name=op.f("ck_tally_month_topic")),
        sa.CheckConstraint("value >= -1", name=op.f("ck_tally_month_value")),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_tally_month_item_id_item")),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["questionnaire.id"],
            name=op.f("fk_tally_month_questionnaire_id_questionnaire"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_tally_month_site_id_site"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint(
            "site_id",
            "month",
            "channel",
            "locale",
            "topic",
            "questionnaire_id",
            "item_id",
            "value",
            name=op.f("pk_tally_month"),
        ),
    )
    op.create_table(
        "answer",
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("value >= 0", name=op.f("ck_answer_value")),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_answer_item_id_item")),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_answer_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", "item_id", "value", name=op.f("pk_answer")),
    )
    op.create_table(
        "comment",
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint("length(text) BETWEEN 1 AND 2000", name=op.f("ck_comment_length")),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_comment_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", name=op.f("pk_comment")),
    )


def downgrade() -> None:
    op.drop_table("comment")
    op.drop_table("answer")
    op.drop_table("tally_month")
    op.drop_table("tally_answer")
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_index("ix_response_site_day")
        batch_op.drop_index(batch_op.f("ix_response_device_id"))

    op.drop_table("response")
    op.drop_table("user_site")
    op.drop_table("tally_response")
    with op.batch_alter_table("kiosk_device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kiosk_device_site_id"))

    op.drop_table("kiosk_device")
    op.drop_table("item")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))
        batch_op.drop_index(batch_op.f("ix_audit_event_action"))

    op.drop_table("audit_event")
    op.drop_table("user_account")
    op.drop_table("site")
    op.drop_table("questionnaire")
