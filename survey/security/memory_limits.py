"""In-process rate-limit counters without a thread per request.

``limits``' :class:`MemoryStorage` removes expired counters on a
``threading.Timer`` of 10 ms, started again by the first hit after the
previous one ended: under load, a new thread for nearly every request
(starting them alone was 4 % of a form submission's samples in a gunicorn
worker, docs/performance.md).
Reads check the expiry themselves, so the timer only frees memory; here it
runs once a second. ``survey-memory://`` is the app's default storage;
``redis://`` shares counters between instances.
"""

from __future__ import annotations

import threading

from limits.storage import MemoryStorage

#: seconds between sweeps of expired counters
SWEEP = 1.0


class SweepingMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = ["survey-memory"]  # noqa: RUF012 - limits reads it as a list

    def _MemoryStorage__schedule_expiry(self) -> None:
        if not self.timer.is_alive():
            self.timer = threading.Timer(SWEEP, self._MemoryStorage__expire_events)
            self.timer.daemon = True
            self.timer.start()
