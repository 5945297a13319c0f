"""A tablet (or whoever holds its token) cannot flood the statistics.

Submissions are counted per device by the server, and a response is counted
(not flagged) only if its time moves forward by the minimum interval, between
the pairing and the server's clock: dating answers far apart does not help.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from survey.database import db
from survey.kiosk import operations
from survey.responses.models import Response

from .conftest import bearer


def _body(moment: datetime) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "locale": "de",
        "answers": {"overall": 5},
        "answered_at": moment.isoformat().replace("+00:00", "Z"),
    }


def _post(client, token, moment):
    return client.post("/kiosk/api/responses", json=_body(moment), headers=bearer(token))


def _counted() -> int:
    stmt = select(func.count()).select_from(Response).where(Response.flagged.is_(False))
    return db.session.scalar(stmt) or 0


@pytest.fixture
def unlimited(app):
    app.config["SURVEY_KIOSK_RESPONSE_LIMIT"] = "100000 per hour"


def _pair_days_ago(token: str, days: int) -> None:
    device = operations.authenticate(db.session, token)
    device.created_at = datetime.now(UTC) - timedelta(days=days)
    db.session.commit()


@pytest.mark.parametrize("order", ["backwards", "forwards"])
def test_sixteen_posts_dated_70_minutes_apart_count_once(client, token, unlimited, order):
    """The outside test: 16 posts in one second, answered_at 70 minutes apart."""
    now = datetime.now(UTC)
    steps = range(16) if order == "backwards" else range(15, -1, -1)
    flags = []
    for k in steps:
        response = _post(client, token, now - timedelta(minutes=70 * k))
        assert response.status_code == 201
        flags.append(response.get_json()["flagged"])
    assert flags.count(False) == 1
    assert _counted() == 1


def test_old_device_backdating_after_its_latest_answer_is_flagged(client, token, unlimited):
    _pair_days_ago(token, 20)
    now = datetime.now(UTC)
    assert not _post(client, token, now).get_json()["flagged"]
    # every earlier date, however far apart, lies before the latest answer
    flags = [_post(client, token, now - timedelta(hours=h)).get_json()["flagged"] for h in (1, 5)]
    assert flags == [True, True]
    assert _counted() == 1


def test_an_honest_queue_sent_after_an_outage_is_counted(client, token, unlimited):
    _pair_days_ago(token, 1)
    start = datetime.now(UTC) - timedelta(hours=3)
    flags = [
        _post(client, token, start + timedelta(minutes=m)).get_json()["flagged"]
        for m in (0, 10, 25, 70)
    ]
    assert flags == [False, False, False, False]


def test_responses_are_limited_per_device_by_the_server(app, client, token, pair, kiosk_site):
    app.config["SURVEY_KIOSK_RESPONSE_LIMIT"] = "5 per hour"
    now = datetime.now(UTC)
    for _ in range(5):
        assert _post(client, token, now).status_code == 201
    before = db.session.scalar(select(func.count()).select_from(Response))
    refused = _post(client, token, now)
    assert refused.status_code == 429
    assert refused.get_json() == {"error": "too_many_attempts"}
    assert db.session.scalar(select(func.count()).select_from(Response)) == before
    # another tablet of the same office (same address) has its own count
    assert _post(client, pair(kiosk_site, "Schalter 2"), now).status_code == 201
