from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, DateTime, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.database.base import Base
from survey.database.types import utcnow
from survey.sites.models import Site

ROLES = ("admin", "provider", "lead", "viewer")
#: Roles that see every site; the others see only the sites linked to them.
NETWORK_ROLES = frozenset({"admin", "provider"})
#: Roles that must use a second factor.
TOTP_REQUIRED_ROLES = frozenset({"admin"})

user_site = Table(
    "user_site",
    Base.metadata,
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
    Column("site_id", ForeignKey("site.id", ondelete="CASCADE"), primary_key=True),
)


class User(Base):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'provider', 'lead', 'viewer')", name="role"),
        CheckConstraint("failed_logins >= 0", name="failed_logins"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    #: The 30-second step of the last accepted code: a code is accepted once only.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    #: Bumped on password change: every session carrying an older value ends.
    session_version: Mapped[int] = mapped_column(default=1)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: SHA-256 of the single-use enrolment link's token (the token itself is never stored).
    enrolment_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    enrolment_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    sites: Mapped[list[Site]] = relationship(secondary=user_site, order_by=Site.code)

    @property
    def sees_all_sites(self) -> bool:
        return self.role in NETWORK_ROLES

    # Flask-Login's user interface (survey.accounts.session).
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """Session token: id and session version (a new version ends old sessions)."""
        return f"{self.id}:{self.session_version}"


class LoginThrottle(Base):
    """Failed sign-ins of one account from one client, and when it may try again.

    ``key`` is an HMAC of the user name and the client address under the app's
    secret key: neither the address nor the typed name is stored.
    """

    __tablename__ = "login_throttle"
    __table_args__ = (CheckConstraint("failures >= 0", name="failures"),)

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_failure_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
