"""Statements compiled once per dialect and run through the driver.

SQLAlchemy caches the compiled form of most statements, but not of the
dialect-specific ``INSERT … ON CONFLICT`` constructs ("[no key]" in its log):
those were compiled again on every call, a fifth of a kiosk submission's time
under gunicorn. :class:`Prepared` compiles a statement once and keeps its SQL,
its parameter order and the bind processors of its columns' types (UUID → hex
on SQLite, dates → ISO text, …), so a call costs one ``exec_driver_sql``.

Only for statements whose parameters are plain column values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, CursorResult
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement


@dataclass(frozen=True)
class Prepared:
    sql: str
    #: bind names in the order the driver wants them (positional paramstyles)
    names: tuple[str, ...]
    positional: bool
    processors: tuple[Callable[[Any], Any] | None, ...]

    @classmethod
    def compile(cls, statement: ClauseElement, dialect: Dialect) -> Prepared:
        compiled = statement.compile(dialect=dialect)
        names = tuple(compiled.positiontup or compiled.binds)
        return cls(
            sql=compiled.string,
            names=names,
            positional=bool(compiled.positional),
            processors=tuple(
                compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
                for name in names
            ),
        )

    def parameters(self, row: Mapping[str, Any]) -> Any:
        values = [
            row[name] if proc is None else proc(row[name])
            for name, proc in zip(self.names, self.processors, strict=True)
        ]
        return tuple(values) if self.positional else dict(zip(self.names, values, strict=True))

    def execute(
        self, conn: Connection, rows: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    ) -> CursorResult[Any]:
        """One row: execute; a list of rows: executemany."""
        if isinstance(rows, Mapping):
            return conn.exec_driver_sql(self.sql, self.parameters(rows))
        return conn.exec_driver_sql(self.sql, [self.parameters(row) for row in rows])
