"""Invitation codes: single-use codes a site may require for online answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from survey.database.base import Base


class InvitationCode(Base):
    """One printed code. Only its hash is kept, never who got it.

    ``used_at`` is coarsened to the day (no exact time that could be matched
    with a response) and no response points to the code that admitted it.
    """

    __tablename__ = "invitation_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
