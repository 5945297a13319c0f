"""Storing responses: exactly once per UUID, with the tallies in the same transaction."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from survey.questionnaires.models import Item

from . import tallies
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


_INSERT_ANSWER = insert(Answer.__table__)
_INSERT_COMMENT = insert(Comment.__table__)


@functools.cache
def _insert_once(dialect_name: str) -> Any:
    """``INSERT … ON CONFLICT (id) DO NOTHING RETURNING id``, built once per dialect.

    RETURNING tells reliably whether the row was inserted (the driver's
    rowcount is -1 for this statement under psycopg 3).
    """
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[dialect_name]
    table = Response.__table__
    return dialect.insert(table).on_conflict_do_nothing(index_elements=["id"]).returning(table.c.id)


def record(conn: Connection, response: NewResponse, items: ItemIndex) -> bool:
    """Store ``response`` unless its UUID is already stored; return whether it was new.

    Run it inside a transaction (``with engine.begin() as conn``). The first
    statement is the insert of the response itself: on SQLite that takes the
    write lock at once (no stale-snapshot upgrade), and on PostgreSQL a
    concurrent insert of the same UUID waits for the first and then does
    nothing. Answers, comment and tallies follow in the same transaction, so a
    response is either stored completely, and counted once, or not at all.
    """
    stmt = _insert_once(conn.dialect.name)
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
    }
    if conn.execute(stmt, row).first() is None:
        return False
    pairs = [
        (items.ids[code], value) for code, values in response.answers.items() for value in values
    ]
    if pairs:
        conn.execute(
            _INSERT_ANSWER,
            [{"response_id": response.id, "item_id": i, "value": v} for i, v in pairs],
        )
    if response.comment:
        conn.execute(_INSERT_COMMENT, {"response_id": response.id, "text": response.comment})
    if not response.flagged:
        topic = response.answers.get(tallies.TOPIC_ITEM, (tallies.NO_TOPIC,))[0]
        tallies.add(conn, cell, pairs, items.multi, topic, items.ids)
    return True
