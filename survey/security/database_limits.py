"""Rate-limit counters in the app's own database: ``survey-database://``.

Every worker of an instance, and every instance on the same database, counts
in one table, with no extra server: the default for gunicorn. One statement
per hit (an upsert that starts a new window when the old one has expired),
on its own connection, committed at once. Redis (``redis://``) remains the
choice for many instances under heavy load.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from limits.storage import Storage
from sqlalchemy import Engine, case, delete, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from .models import RateLimitCounter

SCHEME = "survey-database"
counters = RateLimitCounter.__table__


class DatabaseStorage(Storage):
    """A ``limits`` storage on SQLite or PostgreSQL (fixed windows)."""

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012 - limits reads it as a list

    def __init__(
        self,
        uri: str | None = None,
        wrap_exceptions: bool = False,
        *,
        engine: Callable[[], Engine] | None = None,
        secret: bytes = b"",
        **options: Any,
    ) -> None:
        if engine is None:
            raise ValueError(f"{SCHEME}:// is made by the app (survey.security.limits)")
        self._engine = engine
        self._secret = hashlib.sha256(secret).digest()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return SQLAlchemyError

    def _key(self, key: str) -> str:
        return hashlib.blake2b(key.encode(), key=self._secret, digest_size=32).hexdigest()

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        engine = self._engine()
        dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
        insert = dialect.insert(counters).values(
            key=self._key(key), count=amount, expires_at=now + expiry
        )
        expired = counters.c.expires_at <= now
        upsert = insert.on_conflict_do_update(
            index_elements=[counters.c.key],
            set_={
                "count": case(
                    (expired, insert.excluded.count),
                    else_=counters.c.count + insert.excluded.count,
                ),
                "expires_at": case(
                    (expired, insert.excluded.expires_at), else_=counters.c.expires_at
                ),
            },
        ).returning(counters.c.count)
        with engine.begin() as conn:
            count = int(conn.execute(upsert).scalar_one())
            # Expired windows of any key go (indexed; nearly always nothing to do).
            conn.execute(delete(counters).where(counters.c.expires_at < now - 1))
        return count

    def get(self, key: str) -> int:
        with self._engine().connect() as conn:
            count = conn.execute(
                select(counters.c.count).where(
                    counters.c.key == self._key(key), counters.c.expires_at > time.time()
                )
            ).scalar_one_or_none()
        return int(count or 0)

    def get_expiry(self, key: str) -> float:
        with self._engine().connect() as conn:
            expires = conn.execute(
                select(counters.c.expires_at).where(counters.c.key == self._key(key))
            ).scalar_one_or_none()
        return float(expires) if expires is not None else time.time()

    def check(self) -> bool:
        try:
            with self._engine().connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with self._engine().begin() as conn:
            gone = conn.execute(select(func.count()).select_from(counters)).scalar_one()
            conn.execute(delete(counters))
        return int(gone)

    def clear(self, key: str) -> None:
        with self._engine().begin() as conn:
            conn.execute(delete(counters).where(counters.c.key == self._key(key)))
