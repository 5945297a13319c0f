from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select

from survey.database import db
from survey.responses import tallies
from survey.responses.models import NOT_APPLICABLE, Answer, Comment, Response, hour_band

from .checks import assert_tallies_match_recount


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_same_uuid_twice_is_stored_once(make_site, make_response):
    site = make_site()
    rid = uuid.uuid4()
    assert make_response(site, {"overall": (5,)}, id=rid) is True
    # a retry, even with different content, does not store or count again
    assert make_response(site, {"overall": (1,), "waiting": (2,)}, id=rid) is False
    assert _count(Response) == 1
    assert _count(Answer) == 1
    assert db.session.scalar(select(tallies.ResponseTally.n)) == 1
    tally = db.session.execute(select(tallies.AnswerTally.value, tallies.AnswerTally.n)).all()
    assert tally == [(5, 1)]


def test_response_answers_comment_and_tallies(make_site, make_response, core):
    site = make_site()
    day = date(2016, 5, 17)
    make_response(
        site,
        {"topic": (4,), "overall": (4,), "appointment": (NOT_APPLICABLE,), "improve": (1, 5)},
        comment="Zu lange gewartet.",
        day=day,
        locale="ar",
        hour_band=hour_band(11),
    )
    make_response(site, {"overall": (4,), "improve": (1,)}, day=day, locale="ar")
    response = db.session.scalars(select(Response).where(Response.hour_band.is_not(None))).one()
    assert response.hour_band == 1
    assert db.session.scalar(select(Comment.text)) == "Zu lange gewartet."

    day_tally = {
        (item, value): n
        for item, value, n in db.session.execute(
            select(tallies.AnswerTally.item_id, tallies.AnswerTally.value, tallies.AnswerTally.n)
        )
    }
    ids = core.ids
    assert day_tally[(ids["overall"], 4)] == 2
    assert day_tally[(ids["appointment"], NOT_APPLICABLE)] == 1
    assert day_tally[(ids["improve"], 1)] == 2
    assert day_tally[(ids["improve"], 5)] == 1
    assert day_tally[(ids["improve"], tallies.RESPONDENTS)] == 2  # respondents, not options
    months = db.session.execute(
        select(tallies.MonthTally.month, tallies.MonthTally.topic, tallies.MonthTally.n)
        .where(tallies.MonthTally.item_id == ids["overall"])
        .order_by(tallies.MonthTally.topic)
    ).all()
    assert months == [(date(2016, 5, 1), tallies.NO_TOPIC, 1), (date(2016, 5, 1), 4, 1)]
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def test_first_visit_rows_count_resolved_among_first_visits(make_site, make_response, core):
    site = make_site()
    make_response(site, {"visits": (1,), "resolved": (1,)}, channel="kiosk")
    make_response(site, {"visits": (1,), "resolved": (3,)}, channel="kiosk", locale="ar")
    make_response(site, {"resolved": (3,), "visits": (1,)}, channel="kiosk")
    make_response(site, {"visits": (2,), "resolved": (1,)}, channel="kiosk")
    make_response(site, {"resolved": (2,)}, channel="kiosk")
    make_response(site, {"visits": (1,)}, channel="kiosk")
    make_response(site, {"visits": (1,), "resolved": (2,)}, channel="kiosk", flagged=True)
    resolved, first = core.ids["resolved"], tallies.FIRST_VISIT
    for model in (tallies.AnswerTally, tallies.MonthTally):
        rows = db.session.execute(
            select(model.value, func.sum(model.n))
            .where(model.item_id == resolved)
            .group_by(model.value)
            .order_by(model.value)
        ).all()
        # plain answers to resolved (all responses), then resolved among first visits only
        assert rows == [(1, 2), (2, 1), (3, 2), (first + 1, 1), (first + 3, 2)]
        assert not db.session.scalar(
            select(func.count()).where(model.item_id != resolved, model.value >= first)
        )
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def test_flagged_response_is_stored_but_not_counted(make_site, make_response):
    site = make_site()
    make_response(site, {"overall": (1,)}, channel="kiosk", flagged=True)
    assert _count(Response) == 1
    assert _count(tallies.ResponseTally) == 0
    assert _count(tallies.AnswerTally) == 0
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def test_empty_response_is_counted_as_a_response(make_site, make_response):
    site = make_site()
    make_response(site, {})
    assert db.session.scalar(select(tallies.ResponseTally.n)) == 1
    assert _count(tallies.AnswerTally) == 0


def test_rebuild_restores_tallies(make_site, make_response, engine):
    a, b = make_site(), make_site()
    for value in (1, 2, 3):
        make_response(a, {"overall": (value,), "topic": (value,)})
        make_response(b, {"overall": (value,)})
    with engine.begin() as conn:
        conn.execute(tallies.AnswerTally.__table__.delete())
        conn.execute(tallies.MonthTally.__table__.delete())
        tallies.rebuild(conn, [a.id])
        counted = conn.execute(select(func.count()).select_from(tallies.AnswerTally)).scalar()
        assert counted == 3 + 3  # only site a: overall×3, topic×3
        tallies.rebuild(conn)
        assert_tallies_match_recount(conn)
