"""Bad input at volume: Hypothesis against the kiosk JSON API.

Whatever a client sends, the answer is never a 5xx, a rejection names its
reason (``{"error": code}``, and for invalid answers ``errors``: field →
code), a rejected response leaves nothing behind, and the tallies always
equal a recount. ``SURVEY_FUZZ_EXAMPLES`` sets the number of cases
(``bench/fuzz.py`` runs 10,000).
"""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from survey.database import db
from survey.database.types import utcnow
from survey.kiosk.pairing import create_code, redeem
from survey.responses.models import Answer, Response
from tests.survey.responses.checks import assert_tallies_match_recount

EXAMPLES = int(os.environ.get("SURVEY_FUZZ_EXAMPLES", "300"))
ITEMS = [
    "topic", "overall", "resolved", "visits", "appointment", "waiting", "friendly",
    "understood", "fair", "communication", "referral", "trust", "improve", "comment",
]  # fmt: skip
CODES = {"bad_json", "invalid", "too_large", "not_paired", "device_revoked"}

json_scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(max_size=30)
json_values = st.recursive(
    json_scalars | st.floats(allow_nan=False),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
values = (
    st.integers(-2, 12)
    | st.lists(st.integers(-2, 12), max_size=6)
    | st.sampled_from(["na", "4", "", "1;2", None, True, 3.0])
    | json_values
)
answers = st.dictionaries(st.sampled_from(ITEMS) | st.text(max_size=10), values, max_size=14)
bodies = st.fixed_dictionaries(
    {},
    optional={
        "id": st.uuids().map(str) | st.text(max_size=40) | json_values,
        "questionnaire": st.sampled_from(["core@1", "core@2", "core", "x@1", "core@01"])
        | json_values,
        "locale": st.sampled_from(["de", "en", "ar", "ti", "xx", "DE", ""]) | json_values,
        "answers": answers | json_values,
        "comment": st.text(max_size=2100) | json_values,
        "answered_at": st.sampled_from(
            [utcnow().isoformat(), "2016-03-14T10:00:00", "yesterday", "2999-01-01T00:00:00Z"]
        )
        | json_values,
    },
)
payloads = (
    bodies.map(lambda body: json.dumps(body).encode())
    | json_values.map(lambda value: json.dumps(value).encode())
    | st.binary(max_size=200)
    | st.just(b"{" * 5000)
    | st.just(json.dumps({"comment": "x" * 70_000}).encode())
)


@pytest.fixture
def token(app, make_site) -> str:
    app.config["SURVEY_KIOSK_RESPONSE_LIMIT"] = "1000000 per hour"  # one token, many cases
    site = make_site("WI", "Wiesbaden", locales=["de", "en", "ar"], kiosk_min_interval_seconds=0)
    issued = create_code(db.session, site, utcnow(), "Schalter 1")
    paired = redeem(db.session, issued.code, utcnow())
    db.session.commit()
    return paired.token


def stored_ids() -> set[str]:
    with db.engine.connect() as conn:
        return {str(rid) for rid in conn.scalars(select(Response.id))}


def assert_clear_rejection(status: int, answer: Any) -> None:
    assert isinstance(answer, dict) and answer.get("error") in CODES, (status, answer)
    if answer["error"] == "invalid":
        errors = answer.get("errors")
        assert isinstance(errors, dict) and errors, answer
        assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in errors.items())


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(payload=payloads)
def test_kiosk_api_never_fails_and_never_half_stores(app, token, payload: bytes) -> None:
    client = app.test_client()
    before = stored_ids()
    response = client.post(
        "/kiosk/api/responses",
        data=payload,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    after = stored_ids()
    if response.status_code in (200, 201):
        answer = response.get_json()
        assert answer["status"] in ("stored", "duplicate")
        assert after - before <= {answer["id"]}
    else:
        assert response.status_code in (400, 413), response.status_code
        assert_clear_rejection(response.status_code, response.get_json(silent=True))
        assert after == before  # nothing of a rejected response is kept
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def test_a_valid_response_is_stored_whole(app, token) -> None:
    """A valid body with many answers, sent through the same path: stored with all answers."""
    rid = str(uuid.uuid4())
    body = {"id": rid, "locale": "de", "answers": {"overall": 4, "improve": [1, 2, 3]}}
    response = app.test_client().post(
        "/kiosk/api/responses", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 201
    with db.engine.connect() as conn:
        n = conn.scalar(
            select(func.count()).select_from(Answer).where(Answer.response_id == uuid.UUID(rid))
        )
        assert n == 4
        assert_tallies_match_recount(conn)
