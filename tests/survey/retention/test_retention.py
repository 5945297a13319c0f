from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import func, select

from survey.audit.models import AuditEvent
from survey.database import db
from survey.kiosk.models import KioskDevice
from survey.responses.models import Answer, Comment, Response
from survey.responses.tallies import AnswerTally, MonthTally, ResponseTally
from survey.retention.operations import delete_site_data

TODAY = date(2017, 6, 30)


def comment_days() -> set[tuple[str, date]]:
    rows = db.session.execute(
        select(Response.site_id, Response.day).join(Comment, Comment.response_id == Response.id)
    ).all()
    return {(site_id, day) for site_id, day in rows}


def tally_total() -> int:
    return int(db.session.scalar(select(func.sum(AnswerTally.n))) or 0)


def test_retention_deletes_exactly_what_is_due(runner, make_site, make_response):
    short = make_site("WI", comment_retention_days=30)
    long = make_site("GI", comment_retention_days=365)
    days = {
        short: [TODAY, TODAY - timedelta(days=30), TODAY - timedelta(days=31)],
        long: [TODAY - timedelta(days=d) for d in (365, 366, 31)],
    }
    for site, site_days in days.items():
        for day in site_days:
            assert make_response(site, day=day, comment=f"text {site.code} {day}")
    before = tally_total()
    answers = db.session.scalar(select(func.count()).select_from(Answer))
    dry = runner.invoke(args=["retention", "run", "--dry-run", "--today", TODAY.isoformat()])
    assert dry.exit_code == 0, dry.output
    assert "Would delete 2 comment(s) (GI: 1, WI: 1); nothing deleted." in dry.output
    assert len(comment_days()) == 6  # the dry run deleted nothing and recorded nothing
    assert not db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "retention.run")
    ).all()
    result = runner.invoke(args=["retention", "run", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Deleted 2 comment(s)" in result.output
    assert comment_days() == {
        (short.id, TODAY),
        (short.id, TODAY - timedelta(days=30)),
        (long.id, TODAY - timedelta(days=365)),
        (long.id, TODAY - timedelta(days=31)),
    }
    # answers and tallies stay: every figure is unchanged
    assert tally_total() == before
    assert db.session.scalar(select(func.count()).select_from(Answer)) == answers
    assert db.session.scalar(select(func.count()).select_from(Response)) == 6
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "retention.run")).one()
    assert event.details["deleted"] == {"GI": 1, "WI": 1}
    again = runner.invoke(args=["retention", "run", "--today", TODAY.isoformat()])
    assert "Deleted 0 comment(s)" in again.output


def test_delete_site_data_leaves_other_sites(make_site, make_response):
    gone, kept = make_site("WI"), make_site("GI")
    for site in (gone, kept):
        for _ in range(3):
            make_response(site, comment="hallo")
        db.session.add(KioskDevice(site_id=site.id, token_hash=uuid.uuid4().hex))
        db.session.commit()
    counts = delete_site_data(db.session, gone, actor="test")
    db.session.commit()
    assert counts == {"responses": 3, "comments": 3, "devices": 1}
    for model in (Response, KioskDevice, ResponseTally, AnswerTally, MonthTally):
        sites = set(db.session.scalars(select(model.site_id)))
        assert sites == {kept.id}, model
    assert db.session.get(type(gone), gone.id) is not None  # the site itself stays
    event = db.session.scalars(select(AuditEvent)).one()
    assert (event.action, event.target, event.details) == (
        "site.delete_data",
        "site:WI",
        counts,
    )
