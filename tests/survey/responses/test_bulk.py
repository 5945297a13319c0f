"""store_many and DeferredTallies give exactly what record() per response gives; the formula
escape is reversible."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from survey.database import db
from survey.responses import tallies
from survey.responses.bulk import deferred_tallies, store_many
from survey.responses.models import NOT_APPLICABLE
from survey.responses.operations import NewResponse, record
from survey.security.spreadsheet import FORMULA_PREFIXES, neutralise, restore

from .checks import assert_tallies_match_recount
from .csvfiles import stored


def _responses(site_id: int, offset: int) -> list[NewResponse]:
    answers = [
        {"topic": (2,), "overall": (5,), "improve": (1, 2, 8), "visits": (1,), "resolved": (2,)},
        {"overall": (1,), "appointment": (NOT_APPLICABLE,), "visits": (2,), "resolved": (1,)},
        {"improve": (3,), "visits": (1,)},
        {"resolved": (1,), "visits": (1,)},
        {},
    ]
    return [
        NewResponse(
            id=uuid.UUID(int=offset + i),
            site_id=site_id,
            channel=("kiosk", "online")[i % 2],
            locale=("de", "ar", "ti")[i % 3],
            day=date(2016, 1 + i % 3, 1 + i % 5),
            answers=answers[i % len(answers)],
            comment="Danke" if i % 4 == 0 else None,
            flagged=i % 7 == 6,
        )
        for i in range(40)
    ]


def _tallies_of(site_id: int) -> dict[str, Counter]:
    out = {}
    for model in (tallies.ResponseTally, tallies.AnswerTally, tallies.MonthTally):
        table = model.__table__
        rows = db.session.execute(select(table).where(table.c.site_id == site_id)).mappings()
        out[table.name] = Counter(
            tuple(v for k, v in row.items() if k != "site_id") for row in rows
        )
    return out


def _record_each(conn, site_id: int, core) -> None:
    """The reference: the same responses stored one by one with record()."""
    for response in _responses(site_id, 1000):
        record(conn, response, core)


def test_store_many_equals_record_per_response(engine, make_site, core):
    one, many = make_site(), make_site()
    with engine.begin() as conn:
        _record_each(conn, one.id, core)
        batch = _responses(many.id, 2000)
        assert store_many(conn, batch, core) == len(batch)
        # a second call stores nothing and counts nothing
        assert store_many(conn, batch, core) == 0
    assert _tallies_of(one.id) == _tallies_of(many.id)
    with engine.connect() as conn:
        data = stored(conn)
        assert_tallies_match_recount(conn)
    strip = {k.int % 1000: v[1:] for k, v in data.items() if k.int >= 2000}
    assert strip == {k.int % 1000: v[1:] for k, v in data.items() if k.int < 2000}


def test_deferred_tallies_equal_record_per_response(engine, make_site, core):
    one, many = make_site(), make_site()
    with engine.begin() as conn:
        _record_each(conn, one.id, core)
    batch = _responses(many.id, 2000)
    with engine.connect() as conn, deferred_tallies(conn) as store, conn.begin():
        assert store.store(batch[:15], core) == 15
        # the first 15 again are duplicates: stored once, counted once
        assert store.store(batch, core) == len(batch) - 15
        assert store.store(batch, core) == 0
        assert _tally_rows(conn, many.id) == 0  # nothing counted before count()
        store.count()
        with pytest.raises(RuntimeError, match="count twice"):
            store.count()
        with pytest.raises(RuntimeError, match="never be counted"):
            store.store(_responses(many.id, 3000), core)
    assert _tallies_of(one.id) == _tallies_of(many.id)
    with engine.connect() as conn:
        assert_tallies_match_recount(conn)


def _tally_rows(conn, site_id: int) -> int:
    return sum(
        conn.execute(select(func.count()).where(model.__table__.c.site_id == site_id)).scalar_one()
        for model in (tallies.ResponseTally, tallies.AnswerTally, tallies.MonthTally)
    )


def test_deferred_tallies_leave_no_table_and_no_id_behind(engine, make_site, core):
    """Rolled back or committed, the temporary table is dropped: the same connection
    can make it again, and a rolled back batch leaves no id in it to be counted."""
    site = make_site()
    batch = _responses(site.id, 4000)
    with engine.connect() as conn:
        with deferred_tallies(conn) as store, pytest.raises(ZeroDivisionError), conn.begin():
            store.store(batch, core)
            1 / 0  # noqa: B018
        for _ in range(2):
            with deferred_tallies(conn) as store, conn.begin():
                store.store(batch, core)
                store.count()
    with engine.connect() as conn:
        assert_tallies_match_recount(conn)


@given(st.text())
def test_formula_escape_is_reversible_and_safe(text):
    escaped = neutralise(text)
    assert restore(escaped) == text
    assert not escaped.startswith(FORMULA_PREFIXES)
