"""Concurrent writers lose no tally update and store each UUID once."""

from __future__ import annotations

import multiprocessing
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import create_engine, func, select

from survey.database import db
from survey.database.engine import configure_engine
from survey.responses import tallies
from survey.responses.models import Response
from survey.responses.operations import ItemIndex, NewResponse, record

from .checks import assert_tallies_match_recount

WORKERS = 6
PER_WORKER = 40


def _ids(worker: int) -> list[uuid.UUID]:
    # every worker also retries the UUIDs of worker 0: duplicates race each other
    own = [uuid.uuid5(uuid.NAMESPACE_URL, f"w{worker}-{i}") for i in range(PER_WORKER)]
    shared = [uuid.uuid5(uuid.NAMESPACE_URL, f"w0-{i}") for i in range(10)]
    return own + shared


def _write(url: str, site_id: int, questionnaire_id: int, worker: int) -> int:
    engine = create_engine(url, pool_size=1)
    configure_engine(engine)
    stored = 0
    try:
        with engine.connect() as conn:
            items = ItemIndex.load(conn, questionnaire_id)
        for rid in _ids(worker):
            # identical cell and values everywhere: maximal contention on the same counters
            new = NewResponse(
                id=rid,
                site_id=site_id,
                channel="kiosk",
                locale="de",
                day=date(2016, 2, 1),
                answers={"overall": (5,), "topic": (1,), "improve": (1, 2)},
            )
            with engine.begin() as conn:
                stored += record(conn, new, items)
    finally:
        engine.dispose()
    return stored


def _check(expected: int) -> None:
    assert db.session.scalar(select(func.count()).select_from(Response)) == expected
    assert db.session.scalar(select(func.sum(tallies.ResponseTally.n))) == expected
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def test_threads(app, make_site, core):
    site_id, questionnaire_id = make_site().id, core.questionnaire_id
    url = str(db.engine.url.render_as_string(hide_password=False))
    with ThreadPoolExecutor(WORKERS) as pool:
        stored = list(pool.map(lambda w: _write(url, site_id, questionnaire_id, w), range(WORKERS)))
    expected = WORKERS * PER_WORKER
    assert sum(stored) == expected  # shared retries were stored by exactly one writer
    _check(expected)


@pytest.mark.postgres_only
def test_processes(app, make_site, core):
    site = make_site()
    url = str(db.engine.url.render_as_string(hide_password=False))
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(WORKERS) as pool:
        stored = pool.starmap(
            _write, [(url, site.id, core.questionnaire_id, w) for w in range(WORKERS)]
        )
    expected = WORKERS * PER_WORKER
    assert sum(stored) == expected
    _check(expected)
