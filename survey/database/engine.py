"""Engine settings per database, URL handling and the reachability check."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from flask.cli import NoAppException
from sqlalchemy import event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from survey.security.files import create_private


class DatabaseUnavailable(NoAppException):
    """The configured database cannot be reached; the message names it (password masked).

    A ``NoAppException`` so that ``flask --app wsgi …`` prints the message as
    one line instead of a traceback.
    """


def normalise_url(url: str) -> str:
    """Accept ``postgres://`` and ``postgresql://`` and use the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in {"postgres", "postgresql"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def masked(url: str | URL) -> str:
    return make_url(url).render_as_string(hide_password=True)


def engine_options(url: str, pool_size: int = 5) -> dict[str, Any]:
    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        # pre-ping: a connection killed by a server restart or
        # pg_terminate_backend is replaced instead of failing a request.
        # A sync worker serves one request at a time, so a small pool per
        # process suffices; docs/deploy.md sizes it against max_connections.
        return {
            "pool_pre_ping": True,
            "pool_size": pool_size,
            "max_overflow": pool_size,
            "connect_args": {"connect_timeout": 5},
        }
    if backend == "sqlite":
        return {"connect_args": {"timeout": 30}}
    return {}


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        path = sqlite_file(engine.url)
        if path is not None:

            def private_file(*_args: Any) -> None:
                # Before SQLite creates the file, create it 0600 in a 0700 folder
                # (its WAL and shared-memory files take its mode): password
                # hashes and TOTP secrets live there.
                if not path.exists() and path.parent.is_dir():
                    create_private(path)

            event.listen(engine, "do_connect", private_file)
        event.listen(engine, "connect", _sqlite_pragmas)


def sqlite_file(url: str | URL) -> Path | None:
    """The file of a SQLite URL; None for an in-memory or URI database."""
    database = make_url(url).database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (dashboards) run while a response is written;
    # busy_timeout makes concurrent writers wait instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


#: Pauses before the second and third attempt of :func:`check_reachable`.
REACHABLE_RETRIES = (0.25, 1.0)


def check_reachable(engine: Engine, retries: tuple[float, ...] = REACHABLE_RETRIES) -> None:
    """Open one connection; raise :class:`DatabaseUnavailable` with a clear message.

    Tried again after short pauses first: a gunicorn worker runs this when it
    boots, and a worker that fails to boot makes gunicorn shut down the whole
    instance. A connection dropped at that moment (a database failover,
    ``pg_terminate_backend``, a restart) must not take the instance down; the
    fault run in ``bench/faults.py`` found exactly that.
    """
    for pause in (*retries, None):
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return
        except (OperationalError, DBAPIError) as exc:
            if pause is None:
                failure = exc
                break
            engine.dispose()
            time.sleep(pause)
    reason = str(failure.orig).strip().splitlines()[0] if failure.orig else str(failure)
    raise DatabaseUnavailable(
        f"Cannot reach the database at {masked(engine.url)}: {reason}. "
        "Check SURVEY_DATABASE_URL and that the server is running."
    ) from None
