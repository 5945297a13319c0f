"""Which published version a key names, looked up at most every few seconds.

A key is ``code@version``, or ``None`` for the latest version of the core
questionnaire (what new answers use). Every submission names one, so the
lookup is cached per process and engine for :data:`RESOLVE_SECONDS`: a
version published in another process is used by this one at most that many
seconds later; :func:`publish <.operations.publish>` calls :func:`forget`, so
the publishing process uses it at once.
"""

from __future__ import annotations

import time
import weakref
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select

from .models import Questionnaire

DEFAULT_QUESTIONNAIRE = "core"
#: How long a process trusts which version a key names.
RESOLVE_SECONDS = 5.0
_PER_ENGINE = 64

_TABLE = Questionnaire.__table__
_FOUND = select(_TABLE.c.id, _TABLE.c.checksum, _TABLE.c.created_at).where(
    _TABLE.c.code == bindparam("q_code")
)
#: built once: building the query cost as much as running it
_LATEST = _FOUND.order_by(_TABLE.c.version.desc()).limit(1)
_VERSION = _FOUND.where(_TABLE.c.version == bindparam("q_version")).limit(1)

#: engine → key → (its row, monotonic time until which it is trusted)
_RESOLVED: weakref.WeakKeyDictionary[Engine, dict[str | None, tuple[Any, float]]] = (
    weakref.WeakKeyDictionary()
)


def resolve(conn: Connection, key: str | None) -> Any:
    """The row ``(id, checksum, created_at)`` of the version ``key`` names, or None.

    A published version never changes (``publish`` refuses a changed checksum);
    ``created_at`` tells a version deleted and published again from the one a
    cache holds. Unknown keys are not cached.
    """
    resolved = _RESOLVED.setdefault(conn.engine, {})
    now = time.monotonic()
    hit = resolved.get(key)
    if hit is not None and hit[1] > now:
        return hit[0]
    row = _lookup(conn, key)
    if row is not None:
        if len(resolved) >= _PER_ENGINE:
            resolved.clear()
        resolved[key] = (row, now + RESOLVE_SECONDS)
    return row


def _lookup(conn: Connection, key: str | None) -> Any:
    if key is None:
        return conn.execute(_LATEST, {"q_code": DEFAULT_QUESTIONNAIRE}).first()
    code, _, version = key.partition("@")
    if not (version.isascii() and version.isdigit()) or len(version) > 9:
        return None
    return conn.execute(_VERSION, {"q_code": code, "q_version": int(version)}).first()


def forget() -> None:
    """Look every key up again (after publishing a version in this process)."""
    _RESOLVED.clear()
