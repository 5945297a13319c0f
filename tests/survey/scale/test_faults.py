"""Kiosks submitting with retries while workers are SIGKILLed and database connections cut.

Real gunicorn (2 sync workers) on a throwaway PostgreSQL database. Afterwards
the stored responses are exactly the distinct submitted UUIDs (none lost, none
doubled) and the tallies equal a recount. The long run is ``bench/faults.py``.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.databases import postgres_database
from tests.survey.responses.checks import assert_tallies_match_recount

from . import harness

pytestmark = pytest.mark.postgres_only


def submit_all(tokens: list[str], ports: list[int], count: int, budget: float) -> harness.KioskLog:
    log = harness.KioskLog()
    deadline = time.monotonic() + budget
    threads = [
        threading.Thread(
            target=harness.run_kiosk, args=(token, ports, count, seed, log, deadline), daemon=True
        )
        for seed, token in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=budget + 30)
    return log


def check(url: str, log: harness.KioskLog, expected: int) -> None:
    assert not log.rejected, log.rejected[:3]
    assert len(log.sent) == expected
    assert log.confirmed == log.sent, f"{len(log.sent - log.confirmed)} never confirmed"
    engine = harness.engine_for(url)
    try:
        found = harness.stored(engine)
        assert found.rows == len(found.ids)  # (the primary key forbids doubles anyway)
        assert found.ids == log.sent, (
            f"lost {len(log.sent - found.ids)}, unexpected {len(found.ids - log.sent)}"
        )
        assert found.without_answers == 0
        with engine.connect() as conn:
            assert_tallies_match_recount(conn)
    finally:
        engine.dispose()


def test_nothing_lost_or_doubled_while_workers_die_and_connections_drop(tmp_path: Path) -> None:
    kiosks, each = 4, 60
    with postgres_database("survey_faults") as url:
        tokens = harness.prepare_database(url, kiosks)
        with harness.instances(url, tmp_path) as servers:
            chaos = harness.Chaos(servers, url, seed=10, pause=(0.2, 0.6), max_actions=16)
            with chaos.running():
                log = submit_all(tokens, [s.port for s in servers], each, budget=300)
            alive = servers[0].process.poll() is None
        assert alive, "the gunicorn master died"
        assert chaos.kills >= 1 and chaos.terminated >= 1, (chaos.kills, chaos.terminated)
        check(url, log, kiosks * each)


def test_two_instances_on_one_database(tmp_path: Path) -> None:
    kiosks, each = 4, 25
    with postgres_database("survey_faults") as url:
        tokens = harness.prepare_database(url, kiosks)
        with harness.instances(url, tmp_path, count=2) as servers:
            chaos = harness.Chaos(servers, url, seed=11, pause=(0.3, 0.8), max_actions=16)
            with chaos.running():
                log = submit_all(tokens, [s.port for s in servers], each, budget=300)
        check(url, log, kiosks * each)
