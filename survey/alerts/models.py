from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from survey.database.base import Base

#: the kinds of rule (analysis.alerts.KINDS holds what each counts)
KIND_NAMES = ("csat_below", "referral_gap_above")
RECIPIENTS_MAX = 1000


class AlertRule(Base):
    """One threshold of a site: fires when the share among the last ``last_n`` answers
    crosses ``threshold`` (see :mod:`analysis.alerts`). One rule per kind and site."""

    __tablename__ = "alert_rule"
    __table_args__ = (
        UniqueConstraint("site_id", "kind"),
        CheckConstraint("kind IN ('csat_below', 'referral_gap_above')", name="kind"),
        CheckConstraint("threshold > 0 AND threshold < 1", name="threshold"),
        CheckConstraint("last_n >= 30", name="last_n"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    #: a share between 0 and 1 (the form takes percent)
    threshold: Mapped[float] = mapped_column(Float)
    last_n: Mapped[int] = mapped_column(Integer, default=50)
    #: e-mail addresses, comma-separated; empty: shown on the dashboard only
    recipients: Mapped[str] = mapped_column(String(RECIPIENTS_MAX), default="")
    #: the day `alerts check` mailed that the rule started firing; None while it
    #: does not fire (or no mail went out yet), so each episode is mailed once
    notified_on: Mapped[date | None] = mapped_column(Date)

    @property
    def addresses(self) -> list[str]:
        return [a.strip() for a in self.recipients.split(",") if a.strip()]

    def __repr__(self) -> str:
        return f"<AlertRule {self.kind} {self.threshold}>"
