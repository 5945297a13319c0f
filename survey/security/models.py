from __future__ import annotations

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from survey.database.base import Base


class RateLimitCounter(Base):
    """A rate-limit window's count, shared by every worker (``survey-database://``).

    ``key`` is a keyed hash of limits' key (which names the client address):
    no address is stored. ``expires_at`` is in seconds since the epoch.
    """

    __tablename__ = "rate_limit_counter"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[float] = mapped_column(Float, index=True)
