"""`flask alerts check` against a real SMTP server (aiosmtpd on localhost): one mail
when a rule starts firing, none while it keeps firing, again after it stopped."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from survey.alerts import operations
from survey.alerts.models import AlertRule
from survey.audit.models import AuditEvent
from survey.database import db

from .conftest import FIRST, Inbox, free_port


def _smtp(inbox: Inbox) -> dict[str, object]:
    return {"SURVEY_SMTP_HOST": "127.0.0.1", "SURVEY_SMTP_PORT": inbox.port,
            "SURVEY_SMTP_FROM": "umfrage@amt.example"}  # fmt: skip


def _invoke(app, day):
    """Run the command in ``app`` (the test's own app context is already pushed)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=["alerts", "check", "--today", day.isoformat()])


def _check(app, day) -> str:
    result = _invoke(app, day)
    assert result.exit_code == 0, result.output
    return result.output


def test_mail_once_per_episode(make_app, make_site, answers, inbox):
    app = make_app(**_smtp(inbox))
    site = make_site("AA", "Amtstadt")
    answers(site, 10, days=5, overall=2)
    operations.save_rule(
        db.session, site, "csat_below", 0.7, 30, "leitung@amt.example, b@amt.example"
    )
    operations.save_rule(db.session, site, "referral_gap_above", 0.2, 30, "leitung@amt.example")
    db.session.commit()
    today = FIRST + timedelta(days=6)
    out = _check(app, today)
    assert "AA\tcsat_below" in out and "mailed" in out and "1 alert(s) firing, 1 mailed." in out
    (message,) = inbox.messages
    assert inbox.recipients == [["leitung@amt.example", "b@amt.example"]]
    assert message["From"] == "umfrage@amt.example" and "AA" in message["Subject"]
    body = message.get_payload(decode=True).decode()
    assert "Amtstadt" in body and "CSAT" in body and "n = 30" in body
    assert "0,0" in body and "0.0" in body  # German, then English
    assert ":" not in body.split("n = 30")[1].split("\n")[0]  # no time of day anywhere near
    assert db.session.scalar(select(AlertRule.notified_on).filter_by(kind="csat_below")) == today
    # still firing: no second mail
    assert "mailed before" in _check(app, today + timedelta(days=1))
    assert len(inbox.messages) == 1
    # good answers: it stops, and the state is reset ...
    answers(site, 40, start=FIRST + timedelta(days=8), overall=5)
    assert "0 alert(s) firing" in _check(app, today + timedelta(days=3))
    db.session.expire_all()
    assert db.session.scalar(select(AlertRule.notified_on).filter_by(kind="csat_below")) is None
    # ... so that a new episode is mailed again
    answers(site, 40, start=FIRST + timedelta(days=12), overall=1)
    assert "1 mailed" in _check(app, today + timedelta(days=7))
    assert len(inbox.messages) == 2
    mails = db.session.scalars(select(AuditEvent).filter_by(action="alerts.mail")).all()
    assert [e.details["kind"] for e in mails] == ["csat_below", "csat_below"]


def test_without_smtp_nothing_is_mailed_and_the_state_waits(make_app, make_site, answers, inbox):
    site = make_site("AA")
    answers(site, 10, days=3, overall=1)
    operations.save_rule(db.session, site, "csat_below", 0.7, 30, "leitung@amt.example")
    db.session.commit()
    today = FIRST + timedelta(days=4)
    out = _check(make_app(), today)
    assert "SMTP is not configured" in out and "not mailed" in out
    assert db.session.scalar(select(AlertRule.notified_on)) is None
    assert inbox.messages == []
    # once SMTP is configured the alert still firing is mailed
    assert "1 mailed" in _check(make_app(**_smtp(inbox)), today)
    assert len(inbox.messages) == 1


def test_a_failed_send_marks_nothing(make_app, make_site, answers):
    site = make_site("AA")
    answers(site, 10, days=3, overall=1)
    operations.save_rule(db.session, site, "csat_below", 0.7, 30, "leitung@amt.example")
    db.session.commit()
    closed = {**_smtp(Inbox(0)), "SURVEY_SMTP_PORT": free_port()}  # nobody listens there
    result = _invoke(make_app(**closed), FIRST + timedelta(days=4))
    assert result.exit_code != 0 and "sending the alerts failed" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(AlertRule.notified_on)) is None
