from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.database.base import Base
from survey.database.types import utcnow

ITEM_KINDS = ("scale", "choice", "multi", "text")


class Questionnaire(Base):
    """One published version of a questionnaire (e.g. ``core@1``); never edited in place."""

    __tablename__ = "questionnaire"
    __table_args__ = (
        UniqueConstraint("code", "version"),
        CheckConstraint("version >= 1", name="version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    version: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    #: SHA-256 of the canonical definition: a changed wording cannot hide
    #: under an existing version number.
    checksum: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    items: Mapped[list[Item]] = relationship(
        back_populates="questionnaire", order_by="Item.position", cascade="all, delete-orphan"
    )

    @property
    def key(self) -> str:
        return f"{self.code}@{self.version}"


class Item(Base):
    __tablename__ = "item"
    __table_args__ = (
        UniqueConstraint("questionnaire_id", "code"),
        UniqueConstraint("questionnaire_id", "position"),
        CheckConstraint("kind IN ('scale', 'choice', 'multi', 'text')", name="kind"),
        CheckConstraint("max_value IS NULL OR max_value >= 1", name="max_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id"))
    code: Mapped[str] = mapped_column(String(32))
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(8))
    #: Answers are the integers 1..max_value (NULL for free text).
    max_value: Mapped[int | None]
    allow_na: Mapped[bool] = mapped_column(default=False)

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="items")
