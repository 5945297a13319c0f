"""Storing responses: exactly once per UUID, with the tallies in the same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Dialect

from survey.database.prepared import Prepared
from survey.questionnaires.models import Item

from . import one_statement, tallies
from .models import Answer, Comment, Response


@dataclass(frozen=True)
class ItemIndex:
    """Item ids of one questionnaire version, by code."""

    questionnaire_id: int
    ids: Mapping[str, int]
    multi: frozenset[int]

    @classmethod
    def load(cls, conn: Connection, questionnaire_id: int) -> ItemIndex:
        rows = conn.execute(
            select(Item.code, Item.id, Item.kind).where(Item.questionnaire_id == questionnaire_id)
        ).all()
        return cls(
            questionnaire_id=questionnaire_id,
            ids={code: item_id for code, item_id, _ in rows},
            multi=frozenset(item_id for _, item_id, kind in rows if kind == "multi"),
        )


@dataclass(frozen=True)
class NewResponse:
    """A validated response, ready to store. Holds nothing that identifies a person."""

    id: uuid.UUID
    site_id: int
    channel: str
    locale: str
    day: date
    #: item code → values, as returned by ``Definition.validate``
    answers: Mapping[str, tuple[int, ...]]
    comment: str | None = None
    hour_band: int | None = None
    device_id: int | None = None
    flagged: bool = False
    #: how the 1–5 scale was shown (survey.responses.presentation); None: not known
    presentation: int | None = None


_PREPARED: dict[tuple[str, str, str], Prepared] = {}


def _prepared(dialect: Dialect, name: str) -> Prepared:
    """The statements of :func:`record` on SQLite, compiled once per dialect."""
    key = (dialect.name, dialect.paramstyle, name)
    found = _PREPARED.get(key)
    if found is None:
        found = _PREPARED[key] = Prepared.compile(_STATEMENTS[name](), dialect)
    return found


def _insert_once() -> Any:
    """``INSERT … ON CONFLICT (id) DO NOTHING RETURNING id``: RETURNING tells reliably
    whether the row was inserted (the driver's rowcount is -1 for it under psycopg 3)."""
    table = Response.__table__
    return sqlite.insert(table).on_conflict_do_nothing(index_elements=["id"]).returning(table.c.id)


_STATEMENTS = {
    "response": _insert_once,
    "answer": lambda: insert(Answer.__table__),
    "comment": lambda: insert(Comment.__table__),
}


def record(conn: Connection, response: NewResponse, items: ItemIndex) -> bool:
    """Store ``response`` unless its UUID is already stored; return whether it was new.

    Run it inside a transaction (``with engine.begin() as conn``). The insert
    of the response itself comes first: on SQLite that takes the write lock at
    once (no stale-snapshot upgrade), and on PostgreSQL a concurrent insert of
    the same UUID waits for the first and then does nothing. Answers, comment
    and tallies follow in the same transaction (on PostgreSQL in the same
    statement: one round trip), so a response is either stored completely,
    and counted once, or not at all.
    """
    cell = {
        "site_id": response.site_id,
        "day": response.day,
        "channel": response.channel,
        "locale": response.locale,
        "questionnaire_id": items.questionnaire_id,
    }
    row = {
        **cell,
        "id": response.id,
        "hour_band": response.hour_band,
        "device_id": response.device_id,
        "flagged": response.flagged,
        "presentation": response.presentation,
    }
    pairs = [
        (items.ids[code], value) for code, values in response.answers.items() for value in values
    ]
    counts = None
    if not response.flagged:
        topic = response.answers.get(tallies.TOPIC_ITEM, (tallies.NO_TOPIC,))[0]
        counts = tallies.rows(cell, pairs, items.multi, topic, items.ids)
    if conn.dialect.name == "postgresql":
        return one_statement.record(conn, row, pairs, response.comment, counts)
    if _prepared(conn.dialect, "response").execute(conn, row).first() is None:
        return False
    if pairs:
        _prepared(conn.dialect, "answer").execute(
            conn, [{"response_id": response.id, "item_id": i, "value": v} for i, v in pairs]
        )
    if response.comment:
        _prepared(conn.dialect, "comment").execute(
            conn, {"response_id": response.id, "text": response.comment}
        )
    if counts is not None:
        tallies.apply(conn, counts)
    return True
