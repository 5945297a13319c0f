# ruff: noqa: S608 - the SQL is built from the models' table and column names only
"""PostgreSQL: a response, its answers, comment and tallies in one statement.

One round trip instead of six: data-modifying CTEs fed by
``INSERT … ON CONFLICT (id) DO NOTHING RETURNING id``. When the UUID is
stored already that CTE returns no row, and every other insert selects
``FROM new``, so a duplicate changes nothing. The answers and each tally's
rows arrive as one JSON array each (``json_to_recordset``), so the SQL text is
the same for every response and the server keeps it prepared. (They were
arrays before: psycopg quotes every array element with a regular expression,
and two dozen arrays cost about a tenth of a kiosk submission's CPU in the
worker; one ``json.dumps`` per table costs microseconds.) Tally rows are
inserted in key order (``ORDER BY`` the key, the rows already merged per
counter), like the executemany on SQLite: two transactions lock the same
counters in the same order.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import Dialect

from . import tallies
from .models import Answer, Comment, Response

#: every column of a response, as the model declares them
RESPONSE_COLUMNS = tuple(Response.__table__.columns.keys())

_SQL: dict[int, str] = {}


#: The records' column types (a foreign-key column's type is only known once the
#: referenced table is loaded, so it is not read from the models).
RECORD_TYPES = {
    "site_id": "integer",
    "questionnaire_id": "integer",
    "item_id": "integer",
    "day": "date",
    "month": "date",
    "channel": "varchar",
    "locale": "varchar",
    "topic": "smallint",
    "value": "smallint",
    "n": "integer",
}


def _column_type(table: Table, column: str, dialect: Dialect) -> str:
    if column in RECORD_TYPES:
        return RECORD_TYPES[column]
    return table.c[column].type.compile(dialect=dialect)


def _records(name: str, table: Table, columns: Sequence[str], dialect: Dialect) -> str:
    """``json_to_recordset(%(name)s::json) AS u(column type, …)``"""
    typed = ", ".join(f"{c} {_column_type(table, c, dialect)}" for c in columns)
    return f"json_to_recordset(%({name})s::json) AS u({typed})"


def _tally_cte(name: str, table: Table, key: Sequence[str], dialect: Dialect) -> str:
    columns = [*key, "n"]
    listed = ", ".join(columns)
    return (
        f"{name} AS (INSERT INTO {table.name} ({listed}) "
        f"SELECT {', '.join('u.' + c for c in columns)} "
        f"FROM new, {_records(table.name, table, columns, dialect)} "
        f"ORDER BY {', '.join('u.' + c for c in key)} "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET n = {table.name}.n + excluded.n)"
    )


def _sql(dialect: Dialect) -> str:
    found = _SQL.get(id(type(dialect)))
    if found is not None:
        return found
    response, answer, comment = Response.__table__, Answer.__table__, Comment.__table__
    values = ", ".join(f"%({c})s" for c in RESPONSE_COLUMNS)
    parts = [
        f"new AS (INSERT INTO {response.name} ({', '.join(RESPONSE_COLUMNS)}) "
        f"VALUES ({values}) ON CONFLICT (id) DO NOTHING RETURNING id)",
        f"answers AS (INSERT INTO {answer.name} (response_id, item_id, value) "
        "SELECT new.id, u.item_id, u.value "
        f"FROM new, {_records('answers', answer, ('item_id', 'value'), dialect)})",
        f"comments AS (INSERT INTO {comment.name} (response_id, text) "
        "SELECT new.id, %(comment)s::text FROM new WHERE %(comment)s::text IS NOT NULL)",
    ]
    for n, (table, _, key) in enumerate(tallies.Counts().tables()):
        parts.append(_tally_cte(f"tally{n}", table, key, dialect))
    found = _SQL[id(type(dialect))] = "WITH " + ",\n".join(parts) + "\nSELECT id FROM new"
    return found


def record(
    conn: Connection,
    row: dict[str, Any],
    pairs: Sequence[tuple[int, int]],
    comment: str | None,
    counts: tallies.Counts | None,
) -> bool:
    """Insert the response ``row`` with its answers, comment and tally ``counts``
    (``None``: not counted) unless its UUID is stored; return whether it was new."""
    params: dict[str, Any] = {c: row[c] for c in RESPONSE_COLUMNS}
    params["id"] = uuid.UUID(str(row["id"]))
    params["answers"] = json.dumps([{"item_id": i, "value": v} for i, v in pairs])
    params["comment"] = comment or None
    for table, found, _ in (counts or tallies.Counts()).tables():
        params[table.name] = json.dumps(found, default=_iso)
    return conn.exec_driver_sql(_sql(conn.dialect), params).first() is not None


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {value!r}")
