"""The cache of network-wide results: kept for its TTL, then computed again."""

from __future__ import annotations

from survey.dashboard import cache


def test_cached_values_expire():
    cache.clear()
    clock = [0.0]
    calls = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.cached("k", compute, now=lambda: clock[0]) == 1
    clock[0] = cache.TTL - 1
    assert cache.cached("k", compute, now=lambda: clock[0]) == 1
    clock[0] = cache.TTL + 1
    assert cache.cached("k", compute, now=lambda: clock[0]) == 2
    cache.clear()
