"""Pairing: one-time codes that turn a tablet into a device with a secret token.

Neither the code nor the token is stored: only their SHA-256. Both carry
enough entropy (a code about 40 bits and valid for a day, a token 256 bits)
that a plain hash is the right tool; a password hash would only slow the
counter down.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from survey.sites.models import Site

from .models import KioskDevice, PairingCode

#: Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, U).
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
CODE_LIFETIME = timedelta(hours=24)
LABEL_LENGTH = 100


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_code(typed: str) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def format_code(code: str) -> str:
    """``ABCD2345`` as ``ABCD-2345``: easier to read out and type."""
    return f"{code[:4]}-{code[4:]}"


@dataclass(frozen=True)
class IssuedCode:
    code: str
    site_code: str
    label: str
    expires_at: datetime

    @property
    def display(self) -> str:
        return format_code(self.code)


@dataclass(frozen=True)
class Paired:
    device_id: int
    token: str
    site_code: str
    label: str


class PairingError(ValueError):
    """The code is unknown, used or expired (deliberately not told apart)."""


def create_code(session: Session, site: Site, now: datetime, label: str = "") -> IssuedCode:
    """A new one-time code for ``site``; the caller commits."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    label = label.strip()[:LABEL_LENGTH]
    expires_at = now + CODE_LIFETIME
    session.add(
        PairingCode(
            site_id=site.id,
            label=label,
            code_hash=digest(code),
            created_at=now,
            expires_at=expires_at,
        )
    )
    session.flush()
    return IssuedCode(code=code, site_code=site.code, label=label, expires_at=expires_at)


def redeem(session: Session, typed: str, now: datetime) -> Paired:
    """Use a code once: create the device and return its token; the caller commits.

    The code is claimed with one conditional UPDATE, so two tablets typing the
    same code at once cannot both pair.
    """
    code = normalise_code(typed)
    if len(code) != CODE_LENGTH:
        raise PairingError("invalid code")
    table = PairingCode.__table__
    claimed = session.execute(
        update(table)
        .where(
            table.c.code_hash == digest(code),
            table.c.used_at.is_(None),
            table.c.expires_at > now,
        )
        .values(used_at=now)
        .returning(table.c.id, table.c.site_id, table.c.label)
    ).first()
    if claimed is None:
        raise PairingError("invalid code")
    token = secrets.token_urlsafe(32)
    device_id = session.execute(
        insert(KioskDevice.__table__)
        .values(
            site_id=claimed.site_id,
            label=claimed.label,
            token_hash=digest(token),
            created_at=now,
            app_version="",
            queue_length=0,
        )
        .returning(KioskDevice.__table__.c.id)
    ).scalar_one()
    session.execute(update(table).where(table.c.id == claimed.id).values(device_id=device_id))
    site = session.get_one(Site, claimed.site_id)
    return Paired(device_id=device_id, token=token, site_code=site.code, label=claimed.label)
