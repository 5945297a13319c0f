"""Every model, imported so that ``Base.metadata`` is complete (for Alembic)."""

from survey.accounts.models import LoginThrottle, User, user_site
from survey.alerts.models import AlertRule
from survey.audit.models import AuditEvent
from survey.database.base import Base
from survey.form.models import InvitationCode
from survey.kiosk.models import KioskDevice, PairingCode
from survey.measures.models import Measure
from survey.questionnaires.models import Item, Questionnaire
from survey.responses.models import Answer, Comment, Response
from survey.responses.tallies import AnswerTally, MonthTally, ResponseTally
from survey.security.models import RateLimitCounter
from survey.sites.models import Site

metadata = Base.metadata

__all__ = [
    "AlertRule",
    "Answer",
    "AnswerTally",
    "AuditEvent",
    "Comment",
    "InvitationCode",
    "Item",
    "KioskDevice",
    "LoginThrottle",
    "Measure",
    "MonthTally",
    "PairingCode",
    "Questionnaire",
    "RateLimitCounter",
    "Response",
    "ResponseTally",
    "Site",
    "User",
    "metadata",
    "user_site",
]
