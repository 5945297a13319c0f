"""Raw responses. A response holds no IP, user agent, cookie or exact time."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.database.base import Base

CHANNELS = ("kiosk", "online", "paper")

#: Stored value of the answer "not applicable". Real answers are 1..max_value,
#: so 0 can never be mistaken for a score.
NOT_APPLICABLE = 0

#: Hour-of-day bands: the only time information kept besides the date.
HOUR_BANDS = ((0, 10), (10, 12), (12, 14), (14, 24))


def hour_band(hour: int) -> int:
    """Index into :data:`HOUR_BANDS` for an hour of the day (0–23)."""
    for index, (start, end) in enumerate(HOUR_BANDS):
        if start <= hour < end:
            return index
    raise ValueError(f"hour out of range: {hour}")


class Response(Base):
    __tablename__ = "response"
    __table_args__ = (
        CheckConstraint("channel IN ('kiosk', 'online', 'paper')", name="channel"),
        CheckConstraint("hour_band BETWEEN 0 AND 3", name="hour_band"),
        CheckConstraint("device_id IS NULL OR channel = 'kiosk'", name="device_kiosk"),
        CheckConstraint("presentation BETWEEN 0 AND 2", name="presentation"),
        Index("ix_response_site_day", "site_id", "day"),
    )

    #: Supplied by the client (form, kiosk, CSV): the idempotency key.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"))
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id"))
    channel: Mapped[str] = mapped_column(String(8))
    locale: Mapped[str] = mapped_column(String(8))
    day: Mapped[date] = mapped_column(Date)
    hour_band: Mapped[int | None] = mapped_column(SmallInteger)
    device_id: Mapped[int | None] = mapped_column(
        ForeignKey("kiosk_device.id", ondelete="SET NULL"), index=True
    )
    #: Given faster than the site's minimum interval on one device: stored,
    #: but left out of the tallies (and so out of the statistics).
    flagged: Mapped[bool] = mapped_column(default=False)
    #: How the 1–5 scale was shown (survey.responses.presentation); NULL: not known
    #: (paper, CSV import).
    presentation: Mapped[int | None] = mapped_column(SmallInteger)

    answers: Mapped[list[Answer]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    comment: Mapped[Comment | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class Answer(Base):
    """One chosen value. A multiple-choice item has one row per option named."""

    __tablename__ = "answer"
    __table_args__ = (CheckConstraint("value >= 0", name="value"),)

    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), primary_key=True)
    #: 1..max_value, or :data:`NOT_APPLICABLE`.
    value: Mapped[int] = mapped_column(SmallInteger, primary_key=True)


class Comment(Base):
    """Free text, scrubbed before storage; deleted after the site's retention period."""

    __tablename__ = "comment"
    __table_args__ = (CheckConstraint("length(text) BETWEEN 1 AND 2000", name="length"),)

    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
