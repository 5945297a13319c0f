"""Rate limits hold across the workers of one instance (issue 19).

Each worker is its own process with its own app; here two apps on one database
stand for two workers. With per-process counters each allowed the whole limit
(2 workers: 20 of 40 sign-in attempts got through).
"""

from __future__ import annotations

import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from survey import ROOT
from survey.database import db
from survey.security.database_limits import DatabaseStorage
from survey.security.models import RateLimitCounter
from tests.survey.staff import post_form

GUNICORN_CONF = Path(ROOT) / "deploy" / "gunicorn.conf.py"


def attempts(app, count: int) -> list[int]:
    client = app.test_client()
    with app.app_context():
        return [
            post_form(client, "/login", {"username": "nobody", "password": "x" * 12}).status_code
            for _ in range(count)
        ]


def test_two_workers_share_the_database_counters(make_app, app):
    workers = [make_app(SURVEY_RATELIMIT_STORAGE_URI="survey-database://") for _ in range(2)]
    statuses = attempts(workers[0], 5) + attempts(workers[1], 5)
    assert statuses == [200] * 10
    assert attempts(workers[0], 1) == [429]
    assert attempts(workers[1], 1) == [429]
    # no client address is stored, only a keyed hash
    keys = db.session.scalars(select(RateLimitCounter.key)).all()
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_per_process_counters_multiplied_the_limit(make_app, app):
    """What the shipped default did: each worker counted alone."""
    workers = [make_app(SURVEY_RATELIMIT_STORAGE_URI="survey-memory://") for _ in range(2)]
    statuses = attempts(workers[0], 10) + attempts(workers[1], 10)
    assert statuses == [200] * 20


def test_an_expired_window_starts_again(app, monkeypatch):
    storage = DatabaseStorage("survey-database://", engine=lambda: db.engine, secret=b"k")
    now = [1_000.0]
    monkeypatch.setattr("survey.security.database_limits.time.time", lambda: now[0])
    assert [storage.incr("a", 60) for _ in range(3)] == [1, 2, 3]
    assert storage.get("a") == 3 and storage.get_expiry("a") == 1_060.0
    now[0] = 1_060.0
    assert storage.get("a") == 0
    assert storage.incr("a", 60) == 1
    assert storage.get_expiry("a") == 1_120.0
    storage.incr("b", 10)
    now[0] = 1_200.0
    storage.incr("c", 10)  # sweeps the expired windows of a and b
    assert db.session.scalar(select(func.count()).select_from(RateLimitCounter)) == 1
    storage.clear("c")
    assert storage.get("c") == 0 and storage.check()
    assert storage.reset() == 0


def _conf(monkeypatch, storage: str | None) -> dict:
    if storage is None:
        monkeypatch.delenv("SURVEY_RATELIMIT_STORAGE_URI", raising=False)
    else:
        monkeypatch.setenv("SURVEY_RATELIMIT_STORAGE_URI", storage)
    return runpy.run_path(str(GUNICORN_CONF))


def _server(conf: dict, workers: int) -> SimpleNamespace:
    env = dict(item.split("=", 1) for item in conf["raw_env"])
    return SimpleNamespace(cfg=SimpleNamespace(workers=workers, env=env))


def test_gunicorn_shares_counters_by_default(monkeypatch):
    conf = _conf(monkeypatch, None)
    assert conf["raw_env"] == ["SURVEY_RATELIMIT_STORAGE_URI=survey-database://"]
    conf["on_starting"](_server(conf, 4))  # starts


@pytest.mark.parametrize("storage", ["survey-memory://", "memory://"])
def test_gunicorn_refuses_several_workers_counting_alone(monkeypatch, storage):
    conf = _conf(monkeypatch, storage)
    with pytest.raises(SystemExit, match="per-process rate-limit counters"):
        conf["on_starting"](_server(conf, 2))
    conf["on_starting"](_server(conf, 1))  # one worker: fine


def test_gunicorn_with_redis(monkeypatch):
    conf = _conf(monkeypatch, "redis://127.0.0.1:6379")
    conf["on_starting"](_server(conf, 4))
