"""One short write transaction, with SQLite's writers queued by the kernel.

SQLite allows one writer at a time; a second one waits in SQLite's busy
handler, which polls with sleeps of 1, 2, 5, 10 … 100 ms. Two gunicorn workers
storing responses therefore spend much of their time asleep while the lock
is free already (the submission benchmark showed it as latency, not CPU).
:func:`write_transaction` takes an exclusive ``flock`` on a file beside the
database before ``BEGIN``, so the next writer wakes the moment the previous
one is done. The lock is released by the kernel when a process dies (a worker
killed mid-request leaves nothing locked). When the lock file cannot be
opened (read-only directory, in-memory database) SQLite's own waiting applies.
Threads of one process share the descriptor, and a ``flock`` belongs to it, so
between threads SQLite's own waiting applies too: the lock only shortens waits,
correctness never depends on it. PostgreSQL needs none of this.

On SQLite the transaction starts with ``BEGIN IMMEDIATE``: it holds the write
lock from its first statement, so it may read before it writes (the online
form reads its site on the same connection). A deferred transaction that read
first could be refused when it tries to write after another connection wrote
(``SQLITE_BUSY_SNAPSHOT``, which no waiting cures).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

#: (process id, lock file) → open descriptor, or None when it cannot be opened
_LOCKS: dict[tuple[int, str], int | None] = {}


def _lock_fd(engine: Engine) -> int | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    path = os.path.abspath(database) + "-writer"
    key = (os.getpid(), path)
    if key not in _LOCKS:
        try:
            _LOCKS[key] = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError:
            _LOCKS[key] = None
    return _LOCKS[key]


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """``engine.begin()``; on SQLite ``BEGIN IMMEDIATE``, and on a SQLite file the
    writers of all processes one after the other."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            yield conn
        return
    fd = _lock_fd(engine)
    if fd is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with engine.begin() as conn:
            # the driver opens no transaction of its own before this statement
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield conn
    finally:
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
