from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from survey.database.base import Base
from survey.database.types import utcnow
from survey.responses import presentation


class Site(Base):
    """An office. ``code`` is printed in QR codes (``/s/<code>``) and must never change."""

    __tablename__ = "site"
    __table_args__ = (
        CheckConstraint("code = upper(code) AND length(code) BETWEEN 1 AND 16", name="code"),
        CheckConstraint("kiosk_idle_seconds BETWEEN 10 AND 3600", name="idle"),
        CheckConstraint("kiosk_min_interval_seconds BETWEEN 0 AND 3600", name="interval"),
        CheckConstraint("comment_retention_days BETWEEN 1 AND 3650", name="retention"),
        CheckConstraint("scale_presentation IN (1, 2)", name="presentation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Locales the site offers, in the order of its picker; empty means all.
    locales: Mapped[list[str]] = mapped_column(JSON, default=list)
    default_locale: Mapped[str] = mapped_column(String(8), default="de")
    enabled: Mapped[bool] = mapped_column(default=True)
    kiosk_idle_seconds: Mapped[int] = mapped_column(default=45)
    kiosk_min_interval_seconds: Mapped[int] = mapped_column(default=15)
    comment_retention_days: Mapped[int] = mapped_column(default=365)
    invitation_required: Mapped[bool] = mapped_column(default=False)
    #: How the 1–5 scale is shown (survey.responses.presentation); set by the provider.
    scale_presentation: Mapped[int] = mapped_column(
        SmallInteger, default=presentation.NEW_SITE_DEFAULT
    )
    #: Play espeak-ng drafts where no recording exists (an office may switch them off).
    audio_drafts: Mapped[bool] = mapped_column(default=True)
    # The office's details on the privacy notice and the accessibility statement
    # (survey/form/legal.py); an empty one shows a "not yet filled in" notice.
    #: The controller (DSGVO Art. 13 (1) a): the authority's full name.
    legal_name: Mapped[str] = mapped_column(String(300), default="")
    legal_address: Mapped[str] = mapped_column(String(500), default="")
    #: How to reach the office: for questions and for reporting barriers.
    legal_contact: Mapped[str] = mapped_column(String(500), default="")
    #: The data-protection officer's contact (Art. 13 (1) b).
    dpo_contact: Mapped[str] = mapped_column(String(500), default="")
    #: The data-protection supervisory authority of the office's Land (Art. 13 (2) d).
    supervisory_authority: Mapped[str] = mapped_column(String(500), default="")
    #: When the accessibility statement was last reviewed (BITV 2.0).
    accessibility_reviewed: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<Site {self.code}>"
