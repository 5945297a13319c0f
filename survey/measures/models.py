from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from survey.database.base import Base

LABEL_MAX = 60
NOTE_MAX = 500
TYPE_MAX = 40
ITEMS_MAX = 200


class Measure(Base):
    """A measure a site took on ``day``: a short label for the chart, an optional note,
    its type (see :mod:`.types`) and the items it is meant to move (comma-separated codes).

    ``rollout_until`` is the last day of a roll-out (the effect is not judged before it);
    ``end_day`` the day the measure stopped (after-windows end there)."""

    __tablename__ = "measure"
    __table_args__ = (
        CheckConstraint("length(label) >= 1", name="label"),
        CheckConstraint("end_day IS NULL OR end_day >= day", name="end_after_start"),
        CheckConstraint(
            "rollout_until IS NULL OR rollout_until >= day", name="rollout_after_start"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(LABEL_MAX))
    note: Mapped[str] = mapped_column(String(NOTE_MAX), default="")
    type: Mapped[str] = mapped_column(String(TYPE_MAX), default="other", server_default="other")
    items: Mapped[str] = mapped_column(String(ITEMS_MAX), default="", server_default="")
    rollout_until: Mapped[date | None] = mapped_column(Date, default=None)
    end_day: Mapped[date | None] = mapped_column(Date, default=None)

    @property
    def targets(self) -> list[str]:
        return [code for code in self.items.split(",") if code]

    def __repr__(self) -> str:
        return f"<Measure {self.day} {self.type} {self.label!r}>"
