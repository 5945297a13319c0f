"""E-mail for alerts: ``flask alerts check`` (run by cron) mails a rule's recipients
when the rule starts firing, once per episode, with the standard library.

SMTP is configured with ``SURVEY_SMTP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``,
``_FROM`` and ``_TLS`` (STARTTLS); without a host and a sender no mail is sent and
the state is left alone, so an alert still firing once SMTP is configured is mailed
then. The message says which rule, the share with its interval, n and the days of
the window (no times) in German and English; it holds no answers and no comments.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import flask_babel
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from survey.audit.operations import record
from survey.i18n.selection import force_locale

from .operations import Alert, all_alerts
from .texts import describe

LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 25
    user: str = ""
    password: str = field(default="", repr=False)
    sender: str = ""
    tls: bool = False

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmtpSettings:
        return cls(
            host=str(config.get("SURVEY_SMTP_HOST") or ""),
            port=int(config.get("SURVEY_SMTP_PORT") or 25),
            user=str(config.get("SURVEY_SMTP_USER") or ""),
            password=str(config.get("SURVEY_SMTP_PASSWORD") or ""),
            sender=str(config.get("SURVEY_SMTP_FROM") or ""),
            tls=bool(config.get("SURVEY_SMTP_TLS")),
        )


def compose(alert: Alert, sender: str) -> EmailMessage:
    """The message for a rule that started firing: German, then English."""
    parts, subject, site = [], "", alert.site
    for lang in LANGUAGES:
        with force_locale(lang):
            flask_babel.refresh()
            text = describe(alert)
            if not subject:
                subject = _("Hinweis für %(code)s: %(rule)s", code=alert.site.code, rule=text.rule)
            parts.append(
                "\n".join(
                    [
                        _("Standort: %(name)s (%(code)s)", name=site.name, code=site.code),
                        _("Regel: %(rule)s", rule=text.rule),
                        _("Wert: %(value)s", value=text.value),
                        _("Zeitraum: %(days)s", days=text.days),
                        "",
                        _("Diese Nachricht kommt einmal, wenn die Regel anschlägt."),
                    ]
                )
            )
    flask_babel.refresh()
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(alert.rule.addresses)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content("\n\n-- \n\n".join(parts))
    return message


def send(settings: SmtpSettings, messages: list[EmailMessage]) -> None:
    """Send ``messages`` over one SMTP connection."""
    with smtplib.SMTP(settings.host, settings.port, timeout=30) as smtp:
        if settings.tls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.user:
            smtp.login(settings.user, settings.password)
        for message in messages:
            smtp.send_message(message)


@dataclass
class CheckResult:
    firing: list[Alert] = field(default_factory=list)
    mailed: list[Alert] = field(default_factory=list)
    #: started firing but not mailed (no SMTP, or no recipients)
    unmailed: list[Alert] = field(default_factory=list)


def check(session: Session, settings: SmtpSettings, today: date) -> CheckResult:
    """Evaluate every rule; mail those that started firing; remember the state.

    A rule that stops firing is reset, so its next episode is mailed again. The
    caller commits (after a failed send nothing is marked as mailed).
    """
    result = CheckResult()
    due: list[Alert] = []
    for alert in all_alerts(session, today):
        if not alert.firing:
            alert.rule.notified_on = None
            continue
        result.firing.append(alert)
        if alert.rule.notified_on is not None:
            continue
        if settings.configured and alert.rule.addresses:
            due.append(alert)
        else:
            result.unmailed.append(alert)
    if due:
        send(settings, [compose(a, settings.sender) for a in due])
        for alert in due:
            alert.rule.notified_on = today
            record(
                session,
                "alerts.mail",
                target=f"site:{alert.site.code}",
                kind=alert.rule.kind,
                recipients=len(alert.rule.addresses),
            )
        result.mailed = due
    return result
