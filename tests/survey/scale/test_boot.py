"""A worker that boots while the database drops its connection still boots.

gunicorn shuts a whole instance down when one worker fails to boot, and the
app factory checks that the database answers. The fault run found instances
dying that way when a worker was respawned just as PostgreSQL connections
were terminated.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from survey.database.engine import DatabaseUnavailable, check_reachable
from tests.databases import postgres_database

from . import harness

pytestmark = pytest.mark.postgres_only


def test_check_reachable_survives_a_terminated_first_connection() -> None:
    with postgres_database("survey_boot") as url:
        engine = harness.engine_for(url)
        armed: list[bool] = []
        killed: list[int] = []

        def terminate_first(dbapi_connection, _record) -> None:
            if armed.pop() if armed else False:
                cursor = dbapi_connection.cursor()
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
                cursor.close()
                killed.append(harness.terminate_pid(url, pid))

        event.listen(engine, "connect", terminate_first)
        try:
            armed.append(True)
            with pytest.raises(DatabaseUnavailable):  # one attempt only: the boot fails
                check_reachable(engine, retries=())
            engine.dispose()
            armed.append(True)
            check_reachable(engine)  # the default: tried again, the boot succeeds
            with engine.connect() as conn:
                assert conn.execute(text("SELECT 1")).scalar_one() == 1
        finally:
            engine.dispose()
        assert killed == [1, 1]
