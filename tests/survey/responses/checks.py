"""Invariants of the stored data, shared by the tests."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Connection, select

from survey.responses import tallies


def _rows(conn: Connection, query) -> Counter:
    return Counter(tuple(row) for row in conn.execute(query).all())


def assert_tallies_match_recount(conn: Connection) -> None:
    """Every tally equals a recount from the raw answers."""
    pairs = [
        (tallies.ResponseTally, tallies.recount_responses(), tallies.RESPONSE_KEY),
        (tallies.AnswerTally, tallies.recount_answers(), tallies.ANSWER_KEY),
        (tallies.MonthTally, tallies.recount_months(conn.dialect.name), tallies.MONTH_KEY),
    ]
    for model, recount, key in pairs:
        table = model.__table__
        stored = _rows(conn, select(*(table.c[k] for k in key), table.c.n))
        sub = recount.subquery()
        expected = _rows(conn, select(*(sub.c[k] for k in key), sub.c.n))
        missing, extra = expected - stored, stored - expected
        assert stored == expected, f"{table.name} differs from the recount: {missing=} {extra=}"
