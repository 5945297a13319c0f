"""Rules: saved with validation and audit, evaluated from the day tally only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from analysis.alerts import Rule, evaluate
from survey.alerts import operations
from survey.alerts.models import AlertRule
from survey.audit.models import AuditEvent
from survey.database import db
from survey.questionnaires.models import Item
from survey.responses.models import Answer, Response

from .conftest import FIRST


def test_save_validates_changes_in_place_and_audits(make_site):
    site = make_site("AA")
    for bad, message in (
        ({"threshold": 1.2}, "between 0 and 1"),
        ({"last_n": 20}, "at least"),
        ({"kind": "nonsense"}, "unknown kind"),
        ({"recipients": "lead@amt.de, kein-mail"}, "not an e-mail address: kein-mail"),
    ):
        args = {"kind": "csat_below", "threshold": 0.7, "last_n": 50, "recipients": ""} | bad
        with pytest.raises(operations.AlertError, match=message):
            operations.save_rule(db.session, site, **args)
    assert db.session.scalar(select(func.count()).select_from(AlertRule)) == 0
    rule = operations.save_rule(db.session, site, "csat_below", 0.7, 50, "a@amt.de; b@amt.de")
    again = operations.save_rule(db.session, site, "csat_below", 0.6, 80, "")
    db.session.commit()
    assert again.id == rule.id and (again.threshold, again.last_n, again.recipients) == (
        0.6,
        80,
        "",
    )
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["alerts.rule_add", "alerts.rule_change"]
    other = make_site("BB")
    assert not operations.delete_rule(db.session, other, rule.id)  # not BB's rule
    assert operations.delete_rule(db.session, site, rule.id)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(AlertRule)) == 0


def _raw(site_id: int, item: str, today: date) -> list[tuple[date, int, int]]:
    """Counts per day and value from the raw answer rows (independent of the tallies)."""
    rows = db.session.execute(
        select(Response.day, Answer.value, func.count())
        .join(Answer, Answer.response_id == Response.id)
        .join(Item, Item.id == Answer.item_id)
        .where(Response.site_id == site_id, Item.code == item, Response.day <= today)
        .where(Response.flagged.is_(False))
        .group_by(Response.day, Answer.value)
    ).all()
    return [(d, int(v), int(n)) for d, v, n in rows]


def test_the_window_from_the_tally_equals_the_raw_answers(make_site, answers):
    site = make_site("AA")
    answers(site, 7, days=5, start=FIRST - timedelta(days=200), overall=5, referral=1)
    answers(site, 6, days=10, overall=2, referral=4)  # recent and bad
    answers(site, 3, days=2, start=FIRST + timedelta(days=40), overall=4)  # after "today"
    today = FIRST + timedelta(days=30)
    for kind, last_n in (("csat_below", 50), ("csat_below", 90), ("referral_gap_above", 30)):
        rule = Rule(kind, 0.5, last_n)
        counted = operations.day_counts(db.session.connection(), site.id, rule.item, last_n, today)
        assert evaluate(rule, counted) == evaluate(rule, _raw(site.id, rule.item, today))
    # 50 answers: the newest nine days (54 answers: whole days), all bad
    rule = operations.save_rule(db.session, site, "csat_below", 0.7, 50)
    (alert,) = operations.site_alerts(db.session, site, today)
    assert alert.rule is rule and alert.firing
    assert (alert.evaluation.n, alert.evaluation.share) == (54, 0.0)
    assert (alert.evaluation.first_day, alert.evaluation.last_day) == (
        FIRST + timedelta(1),
        FIRST + timedelta(9),
    )
    # 90 answers reach back to the good days 200 days earlier (60 + 5 days of 7)
    operations.save_rule(db.session, site, "csat_below", 0.3, 90)
    (alert,) = operations.site_alerts(db.session, site, today)
    assert alert.evaluation.n == 95 and alert.evaluation.share == pytest.approx(35 / 95)
    assert not alert.firing
    assert operations.firing_counts(db.session, None, today) == {"AA": 0}


def test_a_site_with_few_answers_is_not_evaluated(make_site, answers):
    site = make_site("AA")
    answers(site, 9, overall=1)
    operations.save_rule(db.session, site, "csat_below", 0.9, 30)
    (alert,) = operations.site_alerts(db.session, site, FIRST)
    assert not alert.evaluation.evaluated and not alert.firing and alert.evaluation.n == 9
