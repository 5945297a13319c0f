"""The intake: a submission writes one row; filing turns rows into responses in batches.

Taking an answer and counting it are separate steps. :func:`put` runs in the
submission's transaction and writes one ``intake`` row: the validated
response with its answers packed into a text column, unless that UUID is
taken or filed already. :func:`drain` files what waits in the intake, in
batches of up to :data:`BATCH`, each in one transaction: the rows are deleted
from the intake (on PostgreSQL ``FOR UPDATE SKIP LOCKED``: concurrent
drainers take disjoint rows) and stored with :func:`bulk.store_many`, which
inserts responses, answers and comments and adds the batch's tallies with one
upsert per tally. A drainer that dies mid-batch rolls back: the rows wait for
the next one. A UUID is thus stored once whatever happens: the intake's
primary key refuses a second row, ``put`` refuses one already filed, and
filing skips a response that is stored already.

Why: the tallies are a few hot counters per site and day, updated by every
submission; a submission that only appends a row is as cheap as a bare
insert, and a batch counts hundreds of responses with one upsert per counter
(docs/performance.md). The price is that statistics show an answer once it is
filed, a second or so later (``SURVEY_INTAKE_DELAY``; :mod:`.filing`).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, cast, delete, exists, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect

from survey.database.prepared import Prepared
from survey.database.writer import write_transaction

from .bulk import store_many
from .models import Intake, Response
from .operations import ItemIndex, NewResponse

#: rows filed per transaction
BATCH = 1000

COLUMNS = tuple(Intake.__table__.columns.keys())


def pack(pairs: Sequence[tuple[int, int]]) -> str:
    """``[(item_id, value), …]`` → ``"item_id:value …"``."""
    return " ".join(f"{item}:{value}" for item, value in pairs)


def unpack(text: str) -> list[tuple[int, int]]:
    pairs = []
    for pair in text.split():
        item, _, value = pair.partition(":")
        pairs.append((int(item), int(value)))
    return pairs


@functools.cache
def _put_statement(dialect: Dialect) -> Prepared:
    """``INSERT INTO intake SELECT <values> WHERE NOT EXISTS (<filed>) ON CONFLICT DO
    NOTHING RETURNING id``: one statement, compiled once per dialect."""
    table = Intake.__table__
    values = []
    for name in COLUMNS:
        param = bindparam(name, type_=table.c[name].type)
        # PostgreSQL cannot infer the type of a bare parameter in a SELECT list
        values.append(cast(param, table.c[name].type) if dialect.name == "postgresql" else param)
    response = Response.__table__
    filed = exists().where(response.c.id == bindparam("id", type_=response.c.id.type))
    insert = {"postgresql": postgresql, "sqlite": sqlite}[dialect.name].insert
    statement = (
        insert(table)
        .from_select(list(COLUMNS), select(*values).where(~filed))
        .on_conflict_do_nothing(index_elements=["id"])
        .returning(table.c.id)
    )
    return Prepared.compile(statement, dialect)


def put(conn: Connection, response: NewResponse, items: ItemIndex) -> bool:
    """Take ``response`` into the intake unless its UUID is taken or stored already;
    return whether it was new. Run it inside the submission's transaction."""
    row = {
        "id": response.id,
        "site_id": response.site_id,
        "questionnaire_id": items.questionnaire_id,
        "channel": response.channel,
        "locale": response.locale,
        "day": response.day,
        "hour_band": response.hour_band,
        "device_id": response.device_id,
        "flagged": response.flagged,
        "answers": pack(
            [(items.ids[code], v) for code, values in response.answers.items() for v in values]
        ),
        "comment": response.comment,
    }
    return _put_statement(conn.dialect).execute(conn, row).first() is not None


def _take() -> Any:
    table = Intake.__table__
    batch = select(table.c.id).limit(bindparam("batch")).with_for_update(skip_locked=True)
    return delete(table).where(table.c.id.in_(batch.scalar_subquery())).returning(*table.c)


_TAKE = _take()


def file(conn: Connection, batch: int = BATCH) -> int:
    """Take up to ``batch`` rows out of the intake and store them; run in a transaction.

    Returns how many rows were taken (stored, or skipped as stored already).
    """
    rows = conn.execute(_TAKE, {"batch": batch}).all()
    by_questionnaire: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_questionnaire[row.questionnaire_id].append(row)
    for questionnaire_id, taken in by_questionnaire.items():
        items = ItemIndex.load(conn, questionnaire_id)
        codes = {item_id: code for code, item_id in items.ids.items()}
        responses = []
        for row in taken:
            answers: dict[str, tuple[int, ...]] = {}
            for item_id, value in unpack(row.answers):
                answers[codes[item_id]] = (*answers.get(codes[item_id], ()), value)
            responses.append(
                NewResponse(
                    id=row.id,
                    site_id=row.site_id,
                    channel=row.channel,
                    locale=row.locale,
                    day=row.day,
                    answers=answers,
                    comment=row.comment,
                    hour_band=row.hour_band,
                    device_id=row.device_id,
                    flagged=row.flagged,
                )
            )
        store_many(conn, responses, items)
    return len(rows)


def drain(engine: Engine, batch: int = BATCH) -> int:
    """File everything waiting in the intake, batch by batch; return how many rows."""
    total = 0
    while True:
        with write_transaction(engine) as conn:
            taken = file(conn, batch)
        total += taken
        if taken < batch:
            return total


def waiting(conn: Connection) -> int:
    """How many responses wait to be filed."""
    return conn.scalar(select(func.count()).select_from(Intake)) or 0
