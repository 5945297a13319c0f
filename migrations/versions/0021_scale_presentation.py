"""Faces on the 1–5 scale: the presentation version of each response, and a site setting;
the site's switch for draft audio.

``response.presentation``: how the scale was shown when the answers were given
(survey/responses/presentation.py). Responses stored before are backfilled from
what their channel showed then: the online form numbers and words (1), the
kiosk faces and words without numbers (0); paper and imported rows stay NULL
(not known). ``site.scale_presentation``: what a site shows from now on.
Existing sites keep numbers and words (1) until the provider switches them, so
the upgrade itself does not change what the online form shows.

Revision ID: 0021
Revises: 0020
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


#: (table, column, type and default, check): added with ALTER TABLE … ADD COLUMN, never
#: by a batch copy. On SQLite a batch operation recreates the table, and dropping the old
#: ``site`` or ``response`` table with foreign keys on deletes every row that refers to it
#: (ON DELETE CASCADE): all responses and answers would be gone.
COLUMNS = (
    ("site", "scale_presentation", "SMALLINT NOT NULL DEFAULT 1", "scale_presentation IN (1, 2)"),
    ("response", "presentation", "SMALLINT", "presentation BETWEEN 0 AND 2"),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, kind, check in COLUMNS:
        name = f"ck_{table}_presentation"
        if sqlite:  # a column constraint: SQLite cannot add a table constraint later
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN {column} {kind} CONSTRAINT {name} CHECK ({check})"
            )
        else:
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            op.create_check_constraint(name, table, check)
    # the office's switch for draft audio (survey/audio): on, as for new sites
    op.add_column(
        "site", sa.Column("audio_drafts", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    response = sa.table("response", sa.column("channel", sa.String()), sa.column("presentation"))
    op.execute(response.update().where(response.c.channel == "online").values(presentation=1))
    op.execute(response.update().where(response.c.channel == "kiosk").values(presentation=0))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.execute("ALTER TABLE site DROP COLUMN audio_drafts")
    for table, column, _kind, _check in reversed(COLUMNS):
        if not sqlite:
            op.drop_constraint(f"ck_{table}_presentation", table, type_="check")
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
