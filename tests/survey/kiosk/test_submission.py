"""submit(): the one write path for answers given by a person (kiosk and online form)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from survey.database import db
from survey.responses.models import Comment, Response
from survey.responses.submission import RawResponse, submit
from survey.responses.tallies import ResponseTally

BERLIN = ZoneInfo("Europe/Berlin")
LOCALES = {"de", "ar", "ti"}


def _submit(site_id: int, raw: RawResponse, now: datetime | None = None, **kw):
    with db.engine.begin() as conn:
        return submit(
            conn,
            site_id,
            raw,
            channel=kw.pop("channel", "online"),
            now=now or datetime(2016, 3, 14, 9, 30, tzinfo=UTC),
            timezone=BERLIN,
            locales=LOCALES,
            **kw,
        )


def _count(model=Response) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_stores_once_then_reports_duplicate(kiosk_site):
    raw = RawResponse(id=str(uuid.uuid4()), locale="ar", answers={"overall": 5, "improve": [1, 5]})
    first = _submit(kiosk_site.id, raw)
    again = _submit(kiosk_site.id, raw)
    assert (first.status, again.status) == ("stored", "duplicate")
    assert first.response_id == uuid.UUID(raw.id)
    assert _count() == 1
    assert db.session.scalar(select(func.sum(ResponseTally.n))) == 1


def test_day_and_hour_band_are_local_to_the_office(kiosk_site):
    # 23:30 UTC on 14 March is 00:30 on 15 March in Berlin: band 0 (before 10:00).
    late = datetime(2016, 3, 14, 23, 30, tzinfo=UTC)
    raw = RawResponse(id=str(uuid.uuid4()), locale="de", answers={"overall": 4})
    assert _submit(kiosk_site.id, raw, now=late).status == "stored"
    stored = db.session.get(Response, uuid.UUID(raw.id))
    assert (stored.day, stored.hour_band) == (date(2016, 3, 15), 0)
    # 11:15 UTC in summer is 13:15 in Berlin: band 2 (12–14).
    summer = RawResponse(id=str(uuid.uuid4()), locale="de", answers={"overall": 4})
    _submit(kiosk_site.id, summer, now=datetime(2016, 7, 1, 11, 15, tzinfo=UTC))
    assert db.session.get(Response, uuid.UUID(summer.id)).hour_band == 2


def test_errors_store_nothing_and_name_every_field(kiosk_site):
    raw = RawResponse(
        id="not-a-uuid",
        locale="xx",
        answers={"overall": 9, "waiting": "na", "nonsense": 1},
        comment=42,
    )
    outcome = _submit(kiosk_site.id, raw)
    assert outcome.status == "invalid"
    assert outcome.errors == {
        "id": "not_a_uuid",
        "locale": "unknown_locale",
        "overall": "out_of_range",
        "waiting": "na_not_allowed",
        "nonsense": "unknown_item",
        "comment": "not_text",
    }
    assert _count() == 0


def test_one_bad_answer_rejects_the_whole_response(kiosk_site):
    raw = RawResponse(id=str(uuid.uuid4()), locale="de", answers={"overall": 5, "topic": 6})
    assert _submit(kiosk_site.id, raw).errors == {"topic": "out_of_range"}
    assert _count() == 0


def test_unknown_questionnaire_and_non_object_answers(kiosk_site):
    rid = str(uuid.uuid4())
    bad_key = RawResponse(id=rid, locale="de", answers={}, questionnaire="core@99")
    assert _submit(kiosk_site.id, bad_key).errors == {"questionnaire": "unknown_questionnaire"}
    not_object = RawResponse(id=rid, locale="de", answers=[5])
    assert _submit(kiosk_site.id, not_object).errors == {"answers": "not_an_object"}
    assert _count() == 0


def test_comment_is_scrubbed_before_storage(kiosk_site):
    raw = RawResponse(
        id=str(uuid.uuid4()),
        locale="de",
        answers={"overall": 2},
        comment="  Bitte rufen Sie mich an: 0611 123456 oder max@example.org  ",
    )
    assert _submit(kiosk_site.id, raw).status == "stored"
    text = db.session.get(Comment, uuid.UUID(raw.id)).text
    assert "123456" not in text
    assert "example.org" not in text
    assert text.startswith("Bitte rufen Sie mich an")


def test_empty_response_is_stored_without_answers(kiosk_site):
    raw = RawResponse(id=str(uuid.uuid4()), locale="ti", answers={}, comment="   ")
    assert _submit(kiosk_site.id, raw).status == "stored"
    assert _count(Comment) == 0


def test_flagged_response_is_stored_but_not_counted(kiosk_site):
    raw = RawResponse(id=str(uuid.uuid4()), locale="de", answers={"overall": 1})
    assert _submit(kiosk_site.id, raw, channel="kiosk", flagged=True).status == "stored"
    assert db.session.get(Response, uuid.UUID(raw.id)).flagged is True
    assert _count(ResponseTally) == 0
