"""Throwaway test databases: a SQLite file, or a PostgreSQL database created and dropped.

``SURVEY_TEST_DB=postgresql`` selects PostgreSQL on the server named by
``SURVEY_TEST_POSTGRES_URL`` (default: the local server, user ``postgres``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

POSTGRES_SERVER = os.environ.get(
    "SURVEY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BACKEND = os.environ.get("SURVEY_TEST_DB", "sqlite")


def _admin_connect() -> psycopg.Connection:
    url = make_url(POSTGRES_SERVER)
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.database or "postgres",
        autocommit=True,
        connect_timeout=5,
    )


@contextmanager
def postgres_database(prefix: str = "survey_test") -> Iterator[str]:
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with _admin_connect() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        with _admin_connect() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def sqlite_database(directory: Path) -> Iterator[str]:
    yield f"sqlite:///{directory / f'survey-{uuid.uuid4().hex[:8]}.sqlite3'}"


@contextmanager
def fresh_database(directory: Path) -> Iterator[str]:
    """An empty database of the backend under test."""
    if BACKEND == "postgresql":
        with postgres_database() as url:
            yield url
    else:
        with sqlite_database(directory) as url:
            yield url
