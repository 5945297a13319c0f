"""Storing many responses at once: the same rows and tallies as :func:`record` per response.

:func:`record` makes four or five round trips per response. An import of a
million rows uses :func:`store_many` instead, which does the same work for a
batch in a handful of ``executemany`` statements: responses inserted with
``ON CONFLICT DO NOTHING … RETURNING id`` (so a UUID already stored, even by a
concurrent writer, is skipped and not counted), then the answers and comments
of the new ones, then the tallies summed over the batch and added with the
same atomic upsert :func:`tallies.add` uses. The result is identical to
calling :func:`record` for each response in turn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.dialects import postgresql, sqlite

from . import tallies
from .models import Answer, Comment, Response
from .operations import ItemIndex, NewResponse


def store_many(conn: Connection, responses: Sequence[NewResponse], items: ItemIndex) -> int:
    """Store the responses whose UUID is new; return how many were stored.

    Run it inside a transaction. UUIDs must be distinct within ``responses``.
    """
    if not responses:
        return 0
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
    _count(conn, [r for r in new if not r.flagged], items)
    return len(new)


def _count(conn: Connection, responses: Sequence[NewResponse], items: ItemIndex) -> None:
    """Add the responses to the three tallies, summed per counter."""
    qid = items.questionnaire_id
    per_response: Counter[tuple[Any, ...]] = Counter()
    per_day: Counter[tuple[Any, ...]] = Counter()
    per_month: Counter[tuple[Any, ...]] = Counter()
    for r in responses:
        per_response[(r.site_id, r.day, r.channel, r.locale, qid)] += 1
        topic = r.answers.get(tallies.TOPIC_ITEM, (tallies.NO_TOPIC,))[0]
        month = r.day.replace(day=1)
        for item_id, value in _counted_values(r, items):
            per_day[(r.site_id, r.day, r.channel, qid, item_id, value)] += 1
            per_month[(r.site_id, month, r.channel, r.locale, topic, qid, item_id, value)] += 1
    for table, counts, key in (
        (tallies.ResponseTally.__table__, per_response, tallies.RESPONSE_KEY),
        (tallies.AnswerTally.__table__, per_day, tallies.ANSWER_KEY),
        (tallies.MonthTally.__table__, per_month, tallies.MONTH_KEY),
    ):
        if counts:
            rows = [{**dict(zip(key, k, strict=True)), "n": n} for k, n in sorted(counts.items())]
            tallies.upsert(conn, table, rows, key)


def _counted_values(response: NewResponse, items: ItemIndex) -> list[tuple[int, int]]:
    """``(item_id, value)`` pairs as :func:`tallies.add` counts them for one response."""
    pairs = {
        (items.ids[code], value) for code, values in response.answers.items() for value in values
    }
    pairs |= {(item_id, tallies.RESPONDENTS) for item_id, _ in pairs if item_id in items.multi}
    return sorted(pairs)
