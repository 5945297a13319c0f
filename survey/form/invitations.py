"""Generating, checking and using invitation codes (hashes only, single use)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Literal

from sqlalchemy import Connection, insert, select, update

from .models import InvitationCode

#: No 0/O, 1/I/L: codes are typed from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10
MAX_BATCH = 5000

State = Literal["open", "used", "unknown"]


def normalize(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalize(code).encode()).hexdigest()


def generate(conn: Connection, site_id: int, count: int) -> list[str]:
    """``count`` new codes for the site; the plain codes are returned once, never stored."""
    if not 1 <= count <= MAX_BATCH:
        raise ValueError(f"count must be between 1 and {MAX_BATCH}")
    codes = {"".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(count)}
    while len(codes) < count:
        codes.add("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))
    rows = [{"site_id": site_id, "code_hash": code_hash(c)} for c in codes]
    conn.execute(insert(InvitationCode.__table__), rows)
    return sorted(codes)


def state(conn: Connection, site_id: int, code: str) -> State:
    table = InvitationCode.__table__
    used = conn.execute(
        select(table.c.used_at).where(
            table.c.site_id == site_id, table.c.code_hash == code_hash(code)
        )
    ).first()
    if used is None:
        return "unknown"
    return "open" if used.used_at is None else "used"


def use(conn: Connection, site_id: int, code: str, now: datetime) -> bool:
    """Mark the code used (day only); False when it is unknown or used already."""
    table = InvitationCode.__table__
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    result = conn.execute(
        update(table)
        .where(
            table.c.site_id == site_id,
            table.c.code_hash == code_hash(code),
            table.c.used_at.is_(None),
        )
        .values(used_at=day)
    )
    return result.rowcount == 1
