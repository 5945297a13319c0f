"""In-process rate-limit counters without a thread per request.

``limits``' :class:`MemoryStorage` removes expired counters on a
``threading.Timer`` of 10 ms, started again by the first hit after the
previous one ended: under load, a new thread for nearly every request
(starting them alone was 4 % of a form submission's samples in a gunicorn
worker, docs/performance.md).
Reads check the expiry themselves, so the timer only frees memory; here it
runs once a second. ``survey-memory://`` counts inside one process only: use it
for a single process (tests, ``flask run``); the default ``survey-database://``
and ``redis://`` share counters between workers and instances.
"""

from __future__ import annotations

import threading
from typing import Any

from limits.storage import MemoryStorage

#: seconds between sweeps of expired counters
SWEEP = 1.0


class SweepingMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = ["survey-memory"]  # noqa: RUF012 - limits reads it as a list

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._idle()

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        self._idle()

    def _idle(self) -> None:
        """Stop the 10 ms timer limits' constructor starts, and leave none running.

        While that timer was alive, the first hits scheduled no sweep of their
        own; when it fired before their counters expired, nothing ever swept
        them (the cause of a flaky test). The next hit schedules the sweep.
        """
        self.timer.cancel()
        self.timer = threading.Timer(SWEEP, self.sweep)

    def sweep(self) -> None:
        """Remove the expired counters (what the timer runs)."""
        self._MemoryStorage__expire_events()

    def _MemoryStorage__schedule_expiry(self) -> None:
        if not self.timer.is_alive():
            self.timer = threading.Timer(SWEEP, self.sweep)
            self.timer.daemon = True
            self.timer.start()
