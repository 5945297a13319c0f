"""survey-memory://: the limits counted as by limits' MemoryStorage, without a thread
per request."""

from __future__ import annotations

import threading
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from survey.security import memory_limits


def test_limits_hold_and_one_sweeper_serves_many_hits(monkeypatch):
    storage = storage_from_string("survey-memory://")
    assert isinstance(storage, memory_limits.SweepingMemoryStorage)
    limiter = FixedWindowRateLimiter(storage)
    limit = parse("5 per second")
    started = threading.active_count()
    allowed = [limiter.hit(limit, "client") for _ in range(200)]
    assert allowed == [True] * 5 + [False] * 195
    assert threading.active_count() <= started + 1  # (limits' own storage: a timer per 10 ms)
    time.sleep(1.1)
    assert limiter.hit(limit, "client")  # a new window: counted from zero again


def test_expired_counters_are_swept(monkeypatch):
    monkeypatch.setattr(memory_limits, "SWEEP", 0.05)
    storage = memory_limits.SweepingMemoryStorage("survey-memory://")
    storage.incr("key", expiry=0.01)
    deadline = time.monotonic() + 5
    while "key" in storage.storage and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "key" not in storage.storage
