"""The job queue: Huey on SQLite in the instance folder, or on Redis when configured.

``SURVEY_JOBS_URL`` empty: a SQLite file ``<instance>/jobs.sqlite3``, shared by
the web workers and the consumer of one machine, no server. ``redis://…``: a
Redis shared by several instances. ``SURVEY_JOBS_CONSUMER`` says who runs the
jobs: ``""`` an external consumer (``flask report worker``, see
deploy/survey-jobs.service), ``"thread"`` a consumer in this process, started
on first use (``./dev serve``, live-server tests), ``"immediate"`` the request
itself, at once (Huey's immediate mode, for tests).

Admission (:func:`submit`) is atomic in the shared storage (``put_if_empty``,
SQLite ``INSERT OR ABORT`` or Redis ``SETNX``): one key per user (one queued or
running job each) and ``workers + queue`` slot keys (a global bound). A job
frees its keys when it ends; keys of jobs that lost their consumer are taken
over once the job's files say so (:func:`survey.reports.jobs.state`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.api import Huey, TaskWrapper
from huey.consumer import Consumer
from huey.signals import SIGNAL_EXPIRED

from survey.security.files import create_private, private_dir

from .limits import Limits

TASK = "survey.job"
ACTIVE = ("queued", "running")
_lock = threading.Lock()


class Refused(Exception):
    """A job not admitted: ``busy`` (the user has one) or ``full`` (the queue is)."""

    def __init__(self, reason: str, holder: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.holder = holder


class ThreadConsumer(Consumer):
    """A Huey consumer in threads of this process (no signal handlers: not the main thread)."""

    def _set_signal_handlers(self) -> None:
        pass


@dataclass
class JobQueue:
    huey: Huey
    task: TaskWrapper
    limits: Limits
    consumer: Consumer | None = field(default=None)


def of(app: Flask) -> JobQueue:
    """The app's queue, made on first use (no I/O in the factory)."""
    app = getattr(app, "_get_current_object", lambda: app)()  # the task keeps the app itself
    found = app.extensions.get("survey.jobs")
    if found is None:
        with _lock:
            found = app.extensions.get("survey.jobs")
            if found is None:
                found = app.extensions["survey.jobs"] = _create(app)
    return found


def _huey(app: Flask) -> Huey:
    url, name = app.config["SURVEY_JOBS_URL"], app.config["SURVEY_JOBS_NAME"]
    if app.config["SURVEY_JOBS_CONSUMER"] == "immediate":
        return MemoryHuey(name, results=False, immediate=True)
    if url:
        return RedisHuey(name, results=False, url=url)
    path = private_dir(Path(app.instance_path)) / "jobs.sqlite3"
    create_private(path)  # 0600 before SQLite opens it: the queue names users' jobs
    return SqliteHuey(name, results=False, filename=str(path))


def _create(app: Flask) -> JobQueue:
    from . import jobs, worker

    huey = _huey(app)
    limits = Limits.of(app)

    def run(job_id: str) -> None:
        with app.app_context():
            try:
                worker.run(job_id)
            except BaseException:
                release(app, job_id)  # never keep the user's place after a crash
                raise

    def sweep() -> None:
        with app.app_context():
            jobs.clean(jobs.folder(), jobs.keep_hours())

    task = huey.task(name=TASK, expires=int(limits.wait_seconds))(run)
    huey.periodic_task(crontab(minute="*/15"), name="survey.clean")(sweep)

    @huey.signal(SIGNAL_EXPIRED)
    def expired(signal: str, task: object, *args: object) -> None:
        job_id = getattr(task, "args", ("",))[0]
        with app.app_context():
            release(app, job_id)

    return JobQueue(huey, task, limits)


def _claim(huey: Huey, key: str, job_id: str, state: Callable[[str], str]) -> str | None:
    """Take ``key`` for ``job_id``; None when taken, else the id of the job holding it."""
    for _ in range(3):
        if huey.put_if_empty(key, job_id):
            return None
        holder = huey.get(key, peek=True)
        if holder is not None and state(holder) in ACTIVE:
            return holder
        huey.delete(key)  # its job ended without freeing it (consumer killed): take it over
    return huey.get(key, peek=True) or ""


def submit(app: Flask, job_id: str, owner: int, state: Callable[[str], str]) -> None:
    """Admit ``job_id`` and queue it, or raise :class:`Refused` (nothing held then)."""
    queue = of(app)
    user = f"user:{owner}"
    holder = _claim(queue.huey, user, job_id, state)
    if holder is not None:
        raise Refused("busy", holder)
    for slot in range(queue.limits.capacity):
        if _claim(queue.huey, f"slot:{slot}", job_id, state) is None:
            break
    else:
        _free(queue.huey, user, job_id)
        raise Refused("full")
    queue.huey.put(f"job:{job_id}", [user, f"slot:{slot}"])
    ensure_consumer(app)
    queue.huey.enqueue(queue.task.s(job_id))


def _free(huey: Huey, key: str, job_id: str) -> None:
    if huey.get(key, peek=True) == job_id:
        huey.delete(key)


def release(app: Flask, job_id: str) -> None:
    """Free the user's and the slot's keys of a job that ended."""
    huey = of(app).huey
    for key in huey.get(f"job:{job_id}") or ():
        _free(huey, key, job_id)


def position(app: Flask, job_id: str) -> int | None:
    """1 for the next job to start, None when ``job_id`` is not waiting."""
    queue = of(app)
    if queue.huey.immediate:
        return None
    waiting = [task.args[0] for task in queue.huey.pending() if task.name == TASK]
    return waiting.index(job_id) + 1 if job_id in waiting else None


def consumer(app: Flask, *, thread: bool) -> Consumer:
    """A consumer with one worker per allowed running job (the global cap)."""
    queue = of(app)
    kind = ThreadConsumer if thread else Consumer
    options = {"initial_delay": 0.05, "max_delay": 0.5} if thread else {}
    return kind(queue.huey, workers=queue.limits.workers, periodic=True, **options)


def ensure_consumer(app: Flask) -> None:
    """Start the in-process consumer when ``SURVEY_JOBS_CONSUMER`` is ``thread``."""
    queue = of(app)
    if app.config["SURVEY_JOBS_CONSUMER"] != "thread" or queue.consumer is not None:
        return
    with _lock:
        if queue.consumer is None:
            started = consumer(app, thread=True)
            started.start()
            queue.consumer = started


def shutdown(app: Flask) -> None:
    """Stop this process's consumer thread, if any, after its running jobs."""
    queue = app.extensions.get("survey.jobs")
    if queue is not None and queue.consumer is not None:
        queue.consumer.stop(graceful=True)
        queue.consumer = None
