from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from survey.database.base import Base
from survey.database.types import utcnow


class KioskDevice(Base):
    """A tablet paired with one site. Only a hash of its secret token is kept."""

    __tablename__ = "kiosk_device"
    __table_args__ = (CheckConstraint("queue_length >= 0", name="queue_length"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    app_version: Mapped[str] = mapped_column(String(32), default="")
    queue_length: Mapped[int] = mapped_column(default=0)
    #: When this device last delivered a response: enforces the per-site
    #: minimum interval without storing exact times on responses.
    last_response_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PairingCode(Base):
    """A one-time code that turns a tablet into a device of one site.

    Only a hash of the code is kept. A code is used at most once
    (``used_at``) and expires (``expires_at``).
    """

    __tablename__ = "kiosk_pairing_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"), index=True)
    #: Given to the device it pairs (e.g. the counter or area).
    label: Mapped[str] = mapped_column(String(100), default="")
    code_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    device_id: Mapped[int | None] = mapped_column(
        ForeignKey("kiosk_device.id", ondelete="SET NULL")
    )
