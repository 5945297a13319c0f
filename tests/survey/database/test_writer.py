"""The submission's write transaction: on SQLite it holds the write lock from the start."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from survey.database import db
from survey.database.writer import write_transaction
from tests.databases import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite's locking only")


def test_a_submission_may_read_first_and_write_after_another_connection_tried(app, make_site):
    site = make_site("WI")
    path = db.engine.url.database
    with write_transaction(db.engine) as conn:
        assert conn.execute(text("SELECT code FROM site WHERE id = :id"), {"id": site.id}).one()
        other = sqlite3.connect(path, timeout=0.05)
        try:
            # a writer that does not queue on the lock file finds the database locked …
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("UPDATE site SET name = 'changed' WHERE id = ?", (site.id,))
        finally:
            other.close()
        # … and the submission writes after its read (a deferred transaction that
        # had only read would now risk SQLITE_BUSY_SNAPSHOT)
        conn.execute(text("UPDATE site SET name = 'Wiesbaden' WHERE id = :id"), {"id": site.id})
    with db.engine.connect() as check:
        assert check.scalar(text("SELECT name FROM site WHERE id = :id"), {"id": site.id}) == (
            "Wiesbaden"
        )
