"""survey-memory://: the limits counted as by limits' MemoryStorage, without a thread
per request.

No wall clock and no threads: limits' clock is replaced by :class:`Clock` and
``threading.Timer`` by :class:`Timers`, which runs a timer only when the test
moves the clock past its due time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import limits.storage.memory
import pytest
from limits import parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from survey.security import memory_limits


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def time(self) -> float:
        return self.now


class Timers:
    """Stands in for ``threading.Timer``: started timers run when they are due."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.started: list[FakeTimer] = []

    def __call__(self, interval: float, function: Callable[[], None]) -> FakeTimer:
        return FakeTimer(self, interval, function)

    def advance(self, seconds: float) -> None:
        self.clock.now += seconds
        for timer in list(self.started):
            if timer.pending and timer.due <= self.clock.now:
                timer.pending = False
                timer.function()


class FakeTimer:
    def __init__(self, timers: Timers, interval: float, function: Callable[[], None]) -> None:
        self.timers, self.interval, self.function = timers, interval, function
        self.pending = False
        self.due = 0.0
        self.daemon = False

    def start(self) -> None:
        self.pending = True
        self.due = self.timers.clock.now + self.interval
        self.timers.started.append(self)

    def is_alive(self) -> bool:
        return self.pending

    def cancel(self) -> None:
        self.pending = False


@pytest.fixture
def timers(monkeypatch: pytest.MonkeyPatch) -> Timers:
    clock = Clock()
    fake = Timers(clock)
    monkeypatch.setattr(limits.storage.memory, "time", clock)
    monkeypatch.setattr(threading, "Timer", fake)
    return fake


def _timers_started(storage: MemoryStorage, timers: Timers, hits: int, pause: float) -> int:
    """Timers started after the constructor for ``hits`` hits ``pause`` seconds apart."""
    before = len(timers.started)
    limiter, limit = FixedWindowRateLimiter(storage), parse("1000 per minute")
    for _ in range(hits):
        limiter.hit(limit, "client")
        timers.advance(pause)
    return len(timers.started) - before


def test_one_sweeper_serves_requests_that_come_faster_than_a_second(timers):
    # 20 requests 20 ms apart: limits' own storage starts a 10 ms timer for each
    # but the first (its constructor's timer is still pending then)
    assert _timers_started(MemoryStorage(), timers, 20, 0.02) == 19
    assert _timers_started(memory_limits.SweepingMemoryStorage(), timers, 20, 0.02) == 1


def test_limits_hold_as_before(timers):
    storage = storage_from_string("survey-memory://")
    assert isinstance(storage, memory_limits.SweepingMemoryStorage)
    limiter = FixedWindowRateLimiter(storage)
    limit = parse("5 per second")
    allowed = [limiter.hit(limit, "client") for _ in range(200)]
    assert allowed == [True] * 5 + [False] * 195
    timers.advance(1.1)
    assert limiter.hit(limit, "client")  # a new window: counted from zero again


def test_expired_counters_are_swept(timers):
    storage = memory_limits.SweepingMemoryStorage("survey-memory://")
    storage.incr("key", expiry=0.5)
    # limits' constructor started a 10 ms timer: it fires before the counter
    # expires, and must not leave the counter without a sweep of its own
    timers.advance(0.02)
    assert "key" in storage.storage
    timers.advance(memory_limits.SWEEP)
    assert "key" not in storage.storage


def test_no_thread_is_left_running_by_the_constructor(timers):
    storage = memory_limits.SweepingMemoryStorage()
    assert not any(timer.pending for timer in timers.started)
    assert not storage.timer.is_alive()
