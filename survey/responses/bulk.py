"""Storing many responses at once: the same rows and tallies as :func:`record` per response.

:func:`record` makes four or five round trips per response. :func:`store_many`
does the same work for a batch in a handful of ``executemany`` statements: responses inserted with
``ON CONFLICT DO NOTHING … RETURNING id`` (so a UUID already stored, even by a
concurrent writer, is skipped and not counted), then the answers and comments
of the new ones, then the tallies: counted by the database for the batch's new
responses (``INSERT … SELECT … GROUP BY``, the same counts as the recount the
checks use) and added with the same atomic ``n = n + excluded.n`` upsert as
:func:`tallies.add`. The result is identical to calling :func:`record` for
each response in turn (tests/survey/responses/test_bulk.py checks it).

The CSV import (a whole file in one transaction) stores its batches through
:class:`DeferredTallies`: the same inserts per batch, and the tallies counted
once, at the end, for every response the import stored (see there why).
``store_many`` has no caller in the app any more; its test keeps the per-batch
count honest against :func:`record`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Integer,
    MetaData,
    Select,
    SmallInteger,
    Table,
    Uuid,
    and_,
    func,
    insert,
    literal,
    select,
    true,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite

from . import tallies
from .models import Answer, Comment, Response
from .operations import ItemIndex, NewResponse

#: The temporary table of :class:`DeferredTallies` (one per connection).
NEW_IDS = "import_new_response"


def store_many(conn: Connection, responses: Sequence[NewResponse], items: ItemIndex) -> int:
    """Store the responses whose UUID is new and count them; return how many were stored.

    Run it inside a transaction. UUIDs must be distinct within ``responses``.
    """
    new = _insert(conn, responses, items)
    if new:
        _count(conn, new, items)
    return len(new)


class DeferredTallies:
    """Stores batches of responses at once and counts them into the tallies once, at the end.

    Why: an import of a whole file runs in one transaction. Counting each
    batch (:func:`store_many`) upserts the same hot counters again and again
    inside that transaction, and PostgreSQL cannot prune the row versions its
    own still running transaction superseded: every batch's upserts walk
    version chains (and index entries) one batch longer, so the time grows
    faster than the number of rows (a 1M-row import did not finish in 48
    minutes; docs/performance.md, "CSV import"). Counting once writes each
    counter once.

    The ids of the stored responses, with their questionnaire version, are
    kept in a temporary table on the database's side (filled from each
    batch's ``RETURNING``), so the memory does not grow with the file, and
    exactly the rows this import inserted are counted: an id already stored
    (skipped by ``ON CONFLICT DO NOTHING``) never enters the table. Use it
    through :func:`deferred_tallies`.
    """

    def __init__(self, conn: Connection, new_ids: Table) -> None:
        self.conn = conn
        self.new_ids = new_ids
        #: the questionnaire versions of the stored responses, by questionnaire id
        self.versions: dict[int, ItemIndex] = {}
        self.counted = False

    def store(self, responses: Sequence[NewResponse], items: ItemIndex) -> int:
        """Store the responses whose UUID is new, uncounted; return how many were stored.

        Like :func:`store_many`: inside the caller's transaction, distinct UUIDs.
        """
        if self.counted:
            raise RuntimeError("DeferredTallies.store after count: these would never be counted")
        new = _insert(self.conn, responses, items)
        if new:
            rows = [{"id": row_id, "questionnaire_id": items.questionnaire_id} for row_id in new]
            self.conn.execute(insert(self.new_ids), rows)
            self.versions[items.questionnaire_id] = items
        return len(new)

    def count(self) -> None:
        """Add every response stored so far to the tallies: once, after the last batch,
        in the same transaction (so the import's rows and counts commit together)."""
        if self.counted:
            raise RuntimeError("DeferredTallies.count called twice: it would count twice")
        self.counted = True
        if self.conn.dialect.name == "postgresql":
            # autovacuum never analyses a temporary table: without statistics the
            # planner would guess the number of ids (and so the join) from its size
            self.conn.exec_driver_sql(f"ANALYZE {self.new_ids.name}")
        t = self.new_ids
        for qid, items in self.versions.items():
            _count(self.conn, select(t.c.id).where(t.c.questionnaire_id == qid), items)


@contextmanager
def deferred_tallies(conn: Connection) -> Iterator[DeferredTallies]:
    """A :class:`DeferredTallies` on ``conn``, with its temporary table of ids.

    Enter it outside a transaction: the table is created and committed first
    (SQLite's driver opens no transaction for DDL, so a rollback would not
    remove it), then the caller begins, stores, counts and commits or rolls
    back; a rollback empties the table. It is dropped at the end either way,
    so the pooled connection is returned without it.
    """
    table = Table(
        NEW_IDS,
        MetaData(),
        Column("id", Uuid, primary_key=True),
        Column("questionnaire_id", Integer, nullable=False),
        prefixes=["TEMPORARY"],
    )
    table.create(conn)
    conn.commit()
    try:
        yield DeferredTallies(conn, table)
    finally:
        table.drop(conn)
        conn.commit()


def _insert(conn: Connection, responses: Sequence[NewResponse], items: ItemIndex) -> list[Any]:
    """Insert the responses whose UUID is new, with their answers and comments, not
    counted; return their ids."""
    if not responses:
        return []
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[conn.dialect.name]
    table = Response.__table__
    stmt = dialect.insert(table).on_conflict_do_nothing(index_elements=["id"]).returning(table.c.id)
    rows = [
        {
            "id": r.id,
            "site_id": r.site_id,
            "day": r.day,
            "channel": r.channel,
            "locale": r.locale,
            "questionnaire_id": items.questionnaire_id,
            "hour_band": r.hour_band,
            "device_id": r.device_id,
            "flagged": r.flagged,
            "presentation": r.presentation,
        }
        for r in responses
    ]
    inserted = {row_id for (row_id,) in conn.execute(stmt, rows)}
    new = [r for r in responses if r.id in inserted]
    answers = [
        {"response_id": r.id, "item_id": items.ids[code], "value": value}
        for r in new
        for code, values in r.answers.items()
        for value in values
    ]
    if answers:
        conn.execute(insert(Answer.__table__), answers)
    comments = [{"response_id": r.id, "text": r.comment} for r in new if r.comment]
    if comments:
        conn.execute(insert(Comment.__table__), comments)
    return [r.id for r in new]


def _count(conn: Connection, ids: Sequence[Any] | Select[Any], items: ItemIndex) -> None:
    """Add the new responses ``ids`` (a list, or a query of them), all of the questionnaire
    version ``items``, to the three tallies, counted by the database.

    The same counts as :func:`tallies.add` per response (and as the recount
    the checks use), grouped in SQL and added with one upsert per tally.
    Flagged responses are left out, as :func:`record` leaves them out.
    """
    r, a = Response.__table__, Answer.__table__
    new = and_(r.c.id.in_(ids), r.c.flagged.is_(False))
    cell = [r.c[name] for name in tallies.RESPONSE_KEY]
    _add(conn, tallies.ResponseTally, select(*cell, func.count()).where(new).group_by(*cell))
    answered = r.join(a, a.c.response_id == r.c.id)
    day = [r.c.site_id, r.c.day, r.c.channel, r.c.questionnaire_id]
    _add(conn, tallies.AnswerTally, _answer_counts(answered, day, new, items))
    topic_id = items.ids.get(tallies.TOPIC_ITEM)
    topic: Any = literal(tallies.NO_TOPIC, SmallInteger)
    if topic_id is not None:
        t = a.alias("topic_answer")
        answered = answered.outerjoin(t, and_(t.c.response_id == r.c.id, t.c.item_id == topic_id))
        topic = func.coalesce(t.c.value, tallies.NO_TOPIC)
    month = [r.c.site_id, _month(r.c.day, conn.dialect.name), r.c.channel, r.c.locale, topic,
             r.c.questionnaire_id]  # fmt: skip
    _add(conn, tallies.MonthTally, _answer_counts(answered, month, new, items))


def _answer_counts(source: Any, cols: list[Any], new: Any, items: ItemIndex) -> Any:
    """Counts per ``cols`` × item × value, plus respondents (value -1) of multiple-choice
    items and the first-visit counts of ``resolved`` (value FIRST_VISIT + v)."""
    a, r = Answer.__table__, Response.__table__
    parts = [
        select(*cols, a.c.item_id, a.c.value, func.count())
        .select_from(source)
        .where(new)
        .group_by(*cols, a.c.item_id, a.c.value)
    ]
    resolved = items.ids.get(tallies.RESOLVED_ITEM)
    visits = items.ids.get(tallies.VISITS_ITEM)
    if resolved is not None and visits is not None:
        v = a.alias("visit")
        first = and_(v.c.response_id == r.c.id, v.c.item_id == visits, v.c.value == 1)
        parts.append(
            select(*cols, a.c.item_id, a.c.value + tallies.FIRST_VISIT, func.count())
            .select_from(source.join(v, first))
            .where(new, a.c.item_id == resolved)
            .group_by(*cols, a.c.item_id, a.c.value)
        )
    if not items.multi:
        return union_all(*parts) if len(parts) > 1 else parts[0]
    respondents = (
        select(
            *cols,
            a.c.item_id,
            literal(tallies.RESPONDENTS, SmallInteger),
            func.count(func.distinct(r.c.id)),
        )
        .select_from(source)
        .where(new, a.c.item_id.in_(sorted(items.multi)))
        .group_by(*cols, a.c.item_id)
    )
    return union_all(*parts, respondents)


def _month(day: Any, dialect: str) -> Any:
    if dialect == "sqlite":
        return type_coerce(func.date(day, "start of month"), Date)
    return func.cast(func.date_trunc("month", day), Date)


def _add(conn: Connection, model: Any, query: Any) -> None:
    """``n += excluded.n`` for each counter the query yields (in key order: no deadlocks)."""
    table = model.__table__
    key = [c.name for c in table.primary_key.columns]
    counts = query.subquery()
    # "WHERE true": SQLite cannot otherwise tell an upsert's ON from a join's
    rows = select(counts).where(true()).order_by(*counts.c[: len(key)])
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[conn.dialect.name]
    stmt = dialect.insert(table).from_select([*key, "n"], rows)
    stmt = stmt.on_conflict_do_update(index_elements=key, set_={"n": table.c.n + stmt.excluded.n})
    conn.execute(stmt)
