"""The intake: a submission writes one row; filing stores it once, with its tallies."""

from __future__ import annotations

import time
import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from survey.database import db
from survey.responses import intake
from survey.responses.filing import Filer
from survey.responses.models import Answer, Comment, Intake, Response
from survey.responses.operations import NewResponse
from survey.responses.tallies import AnswerTally, ResponseTally

from .checks import assert_tallies_match_recount


def _new(site, **fields) -> NewResponse:
    return NewResponse(
        id=fields.pop("id", None) or uuid.uuid4(),
        site_id=site.id,
        channel=fields.pop("channel", "online"),
        locale="de",
        day=date(2016, 3, 14),
        answers=fields.pop("answers", {"overall": (4,), "topic": (2,), "improve": (1, 3)}),
        **fields,
    )


def _put(response: NewResponse, core) -> bool:
    with db.engine.begin() as conn:
        return intake.put(conn, response, core)


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_put_writes_one_row_and_filing_stores_it_whole(make_site, core):
    site = make_site()
    response = _new(site, comment="Danke")
    assert _put(response, core) is True
    assert (_count(Intake), _count(Response)) == (1, 0)  # taken, not yet counted
    assert intake.drain(db.engine) == 1
    assert (_count(Intake), _count(Response), _count(Answer), _count(Comment)) == (0, 1, 4, 1)
    stored = db.session.get(Response, response.id)
    assert (stored.channel, stored.day, stored.site_id) == ("online", date(2016, 3, 14), site.id)
    values = {
        (a.item_id, a.value) for a in db.session.scalars(select(Answer)).all()
    }  # the packed pairs come back as they went in, multiple choice included
    ids = core.ids
    assert values == {(ids["overall"], 4), (ids["topic"], 2), (ids["improve"], 1),
                      (ids["improve"], 3)}  # fmt: skip
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)
    assert db.session.scalar(select(func.sum(ResponseTally.n))) == 1


def test_a_uuid_is_taken_once_whether_waiting_or_filed(make_site, core):
    site = make_site()
    response = _new(site)
    assert _put(response, core) is True
    assert _put(response, core) is False  # waiting in the intake
    intake.drain(db.engine)
    assert _put(response, core) is False  # filed already
    assert (_count(Intake), _count(Response)) == (0, 1)


def test_filing_skips_a_response_stored_meanwhile(make_site, core, make_response):
    """A row taken while another path stored the same UUID is filed as a no-op."""
    site = make_site()
    response = _new(site)
    _put(response, core)
    assert make_response(site, id=response.id) is True  # e.g. a CSV import of the same UUID
    assert intake.drain(db.engine) == 1
    assert (_count(Intake), _count(Response)) == (0, 1)
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def test_flagged_and_empty_responses_are_filed_like_records(make_site, core):
    site = make_site()
    _put(_new(site, channel="kiosk", flagged=True), core)
    _put(_new(site, answers={}), core)
    intake.drain(db.engine)
    assert (_count(Response), _count(Answer)) == (2, 4)
    assert db.session.scalar(select(func.sum(ResponseTally.n))) == 1  # flagged: not counted
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def test_a_failed_filing_leaves_the_rows_waiting(make_site, core):
    site = make_site()
    _put(_new(site), core)
    with pytest.raises(RuntimeError), db.engine.begin() as conn:
        assert intake.file(conn) == 1
        raise RuntimeError("the drainer dies before its commit")
    assert (_count(Intake), _count(Response), _count(AnswerTally)) == (1, 0, 0)
    assert intake.drain(db.engine) == 1
    assert (_count(Intake), _count(Response)) == (0, 1)


def test_drain_files_batch_after_batch(make_site, core):
    site = make_site()
    for _ in range(7):
        _put(_new(site), core)
    assert intake.drain(db.engine, batch=3) == 7
    assert (_count(Intake), _count(Response)) == (0, 7)
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def _wait_until(condition, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_the_filer_thread_files_after_its_delay_and_sweeps_leftovers(make_site, core):
    site = make_site()
    filer = Filer(db.engine, delay=1.0, sweep=0.5)
    try:
        _put(_new(site), core)
        filer.notify()
        assert _count(Response) == 0  # not in the caller's thread: it returned at once
        assert _wait_until(lambda: _count(Response) == 1)
        # a row left by a process that died before it was filed: no notification
        _put(_new(site), core)
        assert _wait_until(lambda: _count(Response) == 2)
        assert _count(Intake) == 0
    finally:
        filer.stop()


def test_post_answers_before_the_filer_ran_and_counts_after(make_app, make_site):
    """Through the app with a delay: the thank-you page comes first, the count follows."""
    app = make_app(SURVEY_INTAKE_DELAY=1.0, SURVEY_FORM_RATELIMIT="1000 per minute")
    with app.app_context():
        make_site("WI", "Wiesbaden")
        client = app.test_client()
        page = client.get("/s/WI").get_data(as_text=True)
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        posted = client.post(
            "/s/WI", data={"csrf_token": token, "response_id": str(uuid.uuid4()), "overall": "5"}
        )
        try:
            assert posted.status_code == 303
            assert _count(Intake) == 1
            assert _wait_until(lambda: _count(Response) == 1)
            assert _count(Intake) == 0
        finally:
            app.extensions["survey.filing"].stop()


def test_cli_drain_files_what_waits(app, runner, make_site, core):
    site = make_site()
    _put(_new(site), core)
    result = runner.invoke(args=["responses", "drain"])
    assert result.exit_code == 0, result.output
    assert "Filed 1 responses from the intake; 0 waiting." in result.output
    assert _count(Response) == 1
