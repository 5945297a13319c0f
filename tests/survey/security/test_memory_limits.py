"""survey-memory://: the limits counted as by limits' MemoryStorage, without a thread
per request."""

from __future__ import annotations

import threading
import time

from limits import parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from survey.security import memory_limits


def _timers_started(storage, hits: int, pause: float, monkeypatch) -> int:
    """Timers the storage starts for ``hits`` hits ``pause`` seconds apart."""
    started = []

    class Counted(threading.Timer):
        def start(self) -> None:
            started.append(self)
            super().start()

    monkeypatch.setattr(threading, "Timer", Counted)
    limiter, limit = FixedWindowRateLimiter(storage), parse("1000 per minute")
    for _ in range(hits):
        limiter.hit(limit, "client")
        time.sleep(pause)
    return len(started)


def test_one_sweeper_serves_requests_that_come_faster_than_a_second(monkeypatch):
    # 20 requests 20 ms apart: limits' own storage starts a 10 ms timer for each
    assert _timers_started(MemoryStorage(), 20, 0.02, monkeypatch) >= 10
    assert _timers_started(memory_limits.SweepingMemoryStorage(), 20, 0.02, monkeypatch) == 1


def test_limits_hold_as_before():
    storage = storage_from_string("survey-memory://")
    assert isinstance(storage, memory_limits.SweepingMemoryStorage)
    limiter = FixedWindowRateLimiter(storage)
    limit = parse("5 per second")
    allowed = [limiter.hit(limit, "client") for _ in range(200)]
    assert allowed == [True] * 5 + [False] * 195
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
