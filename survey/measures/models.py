from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from survey.database.base import Base

LABEL_MAX = 60
NOTE_MAX = 500


class Measure(Base):
    """A measure a site took on ``day``: a short label for the chart, an optional note."""

    __tablename__ = "measure"
    __table_args__ = (CheckConstraint("length(label) >= 1", name="label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(LABEL_MAX))
    note: Mapped[str] = mapped_column(String(NOTE_MAX), default="")

    def __repr__(self) -> str:
        return f"<Measure {self.day} {self.label!r}>"
