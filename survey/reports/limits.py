"""The bounds of background work, read from the settings (``SURVEY_JOBS_*``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from flask import Flask

#: seconds added to every deadline: a consumer writes its files a moment late
GRACE = 60


@dataclass(frozen=True)
class Limits:
    #: jobs running at once: the consumer's worker threads (the global cap)
    workers: int
    #: jobs that may wait for a worker; one more request is refused
    waiting: int
    #: seconds a job may run before its child is killed
    time_limit: float

    @classmethod
    def of(cls, app: Flask) -> Limits:
        config = app.config
        return cls(
            workers=max(1, int(config["SURVEY_JOBS_WORKERS"])),
            waiting=max(0, int(config["SURVEY_JOBS_QUEUE"])),
            time_limit=float(config["SURVEY_JOBS_TIME_LIMIT"]),
        )

    @property
    def capacity(self) -> int:
        """Jobs admitted at once: running plus waiting."""
        return self.workers + self.waiting

    @property
    def run_seconds(self) -> float:
        """After this long a started job without an exit code has lost its consumer."""
        return self.time_limit + GRACE

    @property
    def wait_seconds(self) -> float:
        """The longest a job can wait when every job ahead of it runs to the limit."""
        rounds = math.ceil(self.waiting / self.workers) + 1
        return rounds * self.time_limit + GRACE
