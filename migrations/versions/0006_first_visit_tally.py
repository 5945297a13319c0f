"""First-visit tally rows: answers to `resolved` among responses with `visits` = 1.

The tallies now keep, for the item `resolved`, the value 100 + v counting its
answers v among the unflagged responses that also answered `visits` with 1
(see survey/responses/tallies.py). This revision fills those rows from the
raw answers for the data stored before; the schema does not change (the check
constraints allow values from -1 up). Downgrade deletes them.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: FIRST_VISIT in survey/responses/tallies.py (copied: a revision must not change later)
FIRST_VISIT = 100

response = sa.table(
    "response",
    sa.column("id"),
    sa.column("site_id", sa.Integer),
    sa.column("day", sa.Date),
    sa.column("channel"),
    sa.column("locale"),
    sa.column("questionnaire_id", sa.Integer),
    sa.column("flagged", sa.Boolean),
)
answer = sa.table(
    "answer", sa.column("response_id"), sa.column("item_id", sa.Integer), sa.column("value")
)
item = sa.table("item", sa.column("id", sa.Integer), sa.column("code"))
DAY_KEY = ["site_id", "day", "channel", "questionnaire_id"]
MONTH_KEY = ["site_id", "month", "channel", "locale", "topic", "questionnaire_id"]
COUNTED = ["item_id", "value", "n"]
tally_answer = sa.table("tally_answer", *(sa.column(c) for c in DAY_KEY + COUNTED))
tally_month = sa.table("tally_month", *(sa.column(c) for c in MONTH_KEY + COUNTED))


def _counts(keys: list[sa.ColumnElement], source: sa.FromClause) -> sa.Select:
    """Answers to `resolved` of unflagged responses that answered `visits` = 1, counted
    per ``keys`` × item × value, with the value moved to FIRST_VISIT + value."""
    r, a, i = response, answer, item
    visit, kind = answer.alias("visit"), item.alias("visit_item")
    joined = (
        source.join(i, sa.and_(i.c.id == a.c.item_id, i.c.code == "resolved"))
        .join(visit, sa.and_(visit.c.response_id == r.c.id, visit.c.value == 1))
        .join(kind, sa.and_(kind.c.id == visit.c.item_id, kind.c.code == "visits"))
    )
    return (
        sa.select(*keys, a.c.item_id, a.c.value + FIRST_VISIT, sa.func.count())
        .select_from(joined)
        .where(sa.not_(r.c.flagged))
        .group_by(*keys, a.c.item_id, a.c.value)
    )


def upgrade() -> None:
    r, a = response, answer
    answered = r.join(a, a.c.response_id == r.c.id)
    if op.get_bind().dialect.name == "sqlite":
        month = sa.func.date(r.c.day, "start of month")
    else:
        month = sa.cast(sa.func.date_trunc("month", r.c.day), sa.Date)
    topic_answer, topic_item = answer.alias("topic_answer"), item.alias("topic_item")
    topics = (
        sa.select(topic_answer.c.response_id, topic_answer.c.value.label("topic"))
        .join(topic_item, topic_item.c.id == topic_answer.c.item_id)
        .where(topic_item.c.code == "topic")
        .subquery("topics")
    )
    topic = sa.func.coalesce(topics.c.topic, 0)
    day_keys = [r.c.site_id, r.c.day, r.c.channel, r.c.questionnaire_id]
    month_keys = [r.c.site_id, month, r.c.channel, r.c.locale, topic, r.c.questionnaire_id]
    with_topic = answered.outerjoin(topics, topics.c.response_id == r.c.id)
    _delete()  # nothing there unless newer code already wrote some: count once
    for table, columns, keys, source in (
        (tally_answer, DAY_KEY, day_keys, answered),
        (tally_month, MONTH_KEY, month_keys, with_topic),
    ):
        op.execute(sa.insert(table).from_select([*columns, *COUNTED], _counts(keys, source)))


def _delete() -> None:
    for table in (tally_answer, tally_month):
        op.execute(sa.delete(table).where(table.c.value >= FIRST_VISIT))


def downgrade() -> None:
    _delete()
