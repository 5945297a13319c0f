"""A small in-process cache of network-wide analysis results.

The network headline rows (every site, for a period) are computed once and
kept for :data:`TTL` seconds, so that each further lead dashboard of the same
period reads them from memory (they are read from the tallies, see
:mod:`analysis.headline`; the cache saves the query and the statistics). Only
aggregates (already suppressed rows) are kept; which site may see which row is
decided by the caller as before.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

TTL = 600.0
MAX_ENTRIES = 64

_lock = threading.Lock()
_entries: dict[Hashable, tuple[float, Any]] = {}


def cached(
    key: Hashable, compute: Callable[[], Any], now: Callable[[], float] = time.monotonic
) -> Any:
    with _lock:
        hit = _entries.get(key)
        if hit is not None and now() - hit[0] < TTL:
            return hit[1]
    value = compute()
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.pop(min(_entries, key=lambda k: _entries[k][0]))
        _entries[key] = (now(), value)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()
