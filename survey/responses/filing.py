"""When the intake is filed: by a thread of each app process, or at once.

After a submission commits, the view calls :func:`notify`. With
``SURVEY_INTAKE_DELAY`` = 0 the intake is filed right there, in the request
(tests, and small sites that want every answer counted before the thank-you
page). Otherwise the process's filer thread wakes, waits the delay so that
the submissions of that moment are filed together, and drains the intake;
submissions arriving meanwhile wake it again. Every ``SURVEY_INTAKE_SWEEP``
seconds it also drains without being woken, for rows left by a process that
died between taking and filing. A failed drain (database away) is logged and
retried on the next wake or sweep; the rows stay in the intake meanwhile.

The thread is started by the first notification in a process, so a gunicorn
worker forked from a master starts its own, and CLI commands start none.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from flask import Flask, current_app
from sqlalchemy import Engine

from . import intake

log = logging.getLogger(__name__)

EXTENSION = "survey.filing"


class Filer:
    def __init__(self, engine: Engine, delay: float, sweep: float) -> None:
        self.engine = engine
        self.delay = delay
        self.sweep = sweep
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def notify(self) -> None:
        if self.delay <= 0:
            self._drain()
            return
        if self._pid != os.getpid():
            self._start()
        self._wake.set()

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._wake = threading.Event()
            self._thread = threading.Thread(target=self._run, name="survey-filer", daemon=True)
            self._thread.start()
            self._pid = os.getpid()

    def stop(self) -> None:
        """End the thread after its current drain (tests; a process exits without it)."""
        self._stopped = True
        self._wake.set()
        if self._thread is not None and self._pid == os.getpid():
            self._thread.join(timeout=30)

    def _run(self) -> None:
        wake = self._wake
        while not self._stopped:
            if wake.wait(self.sweep):
                time.sleep(self.delay)  # what arrives meanwhile is filed in the same batch
            wake.clear()
            if self._stopped:
                return
            self._drain()

    def _drain(self) -> None:
        try:
            intake.drain(self.engine)
        except Exception:  # the rows wait in the intake; logged, retried
            log.exception("filing the intake failed; its rows wait for the next drain")


def init_app(app: Flask, engine: Engine) -> None:
    app.extensions[EXTENSION] = Filer(
        engine,
        delay=float(app.config["SURVEY_INTAKE_DELAY"]),
        sweep=float(app.config["SURVEY_INTAKE_SWEEP"]),
    )


def notify() -> None:
    """A submission was taken (and committed): have the intake filed."""
    current_app.extensions[EXTENSION].notify()
