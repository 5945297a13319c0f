"""Bad input at volume: Hypothesis against the online form's POST (``/s/<site>``).

Whatever a browser or a bot sends, the answer is never a 5xx: a stored or
repeated response (or a filled honeypot) gets the 303 to the thank-you page,
everything else the form again or a refusal page with an alert naming the
problem (``role="alert"``). A rejected post leaves nothing behind, a 303
stores at most the response it names, and the tallies always equal a
recount. ``SURVEY_FUZZ_EXAMPLES`` sets the number of cases (``bench/fuzz.py``
runs 10,000).
"""

from __future__ import annotations

import os
import re
import uuid
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from survey.database import db
from survey.responses.models import Response
from tests.survey.responses.checks import assert_tallies_match_recount

EXAMPLES = int(os.environ.get("SURVEY_FUZZ_EXAMPLES", "300"))
ITEMS = [
    "topic", "overall", "resolved", "visits", "appointment", "waiting", "friendly",
    "understood", "fair", "communication", "referral", "trust", "improve", "comment",
]  # fmt: skip
RESERVED = ["response_id", "lang", "csrf_token", "c", "contact_url"]

texts = st.text(max_size=30)
cell = (
    st.integers(-3, 12).map(str)
    | st.sampled_from(["na", "", " ", "1;2", "4.0", "٣", "5\x00", "1e3", "99999999999999999999"])
    | texts
)
wild = st.lists(
    st.tuples(st.sampled_from(ITEMS) | st.sampled_from(RESERVED) | st.text(max_size=10), cell),
    max_size=24,
)
#: answers a person gives (values 1-3 fit every scale): many of these are stored
plausible = st.lists(
    st.tuples(st.sampled_from(ITEMS[:-1]), st.integers(1, 3).map(str)), max_size=12
)
fields = plausible | wild
forms = st.fixed_dictionaries(
    {
        "fields": fields,
        "response_id": st.uuids().map(str) | st.text(max_size=40) | st.just("fixed"),
    },
    optional={
        "csrf": st.sampled_from(["valid", "missing", "garbage", "twice"]),
        "honeypot": st.sampled_from(["", "http://spam.example"]),
        "comment": st.text(max_size=2100),
        "query": st.sampled_from(["", "?lang=ar", "?lang=xx", "?c=NOPE", "?lang=de&c="]),
        "site": st.sampled_from(["WI", "wi", "XX", "WI%00", "..%2F"]),
    },
)
raw = st.fixed_dictionaries(
    {
        "body": st.binary(max_size=300) | st.just(b"a=" + b"x" * 70_000),
        "type": st.sampled_from(
            ["application/x-www-form-urlencoded", "multipart/form-data", "application/json", ""]
        ),
    }
)
#: a UUID repeated across cases: its second post is a duplicate
FIXED_ID = str(uuid.uuid4())


@pytest.fixture
def form_client(app, make_site):
    make_site("WI", "Wiesbaden", locales=["de", "en", "ar"])
    db.session.commit()
    app.config["SURVEY_FORM_RATELIMIT"] = "1000000 per minute"  # the fuzzer is one address
    client = app.test_client()
    html = client.get("/s/WI").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return client, token


def stored_ids() -> set[str]:
    with db.engine.connect() as conn:
        return {str(rid) for rid in conn.scalars(select(Response.id))}


def post(client, token: str, case: dict):
    if "body" in case:
        headers = {"Content-Type": case["type"]} if case["type"] else {}
        return client.post("/s/WI", data=case["body"], headers=headers), None
    data: list[tuple[str, str]] = list(case["fields"])
    csrf = case.get("csrf", "valid")
    if csrf in ("valid", "twice"):
        data.insert(0, ("csrf_token", token))
    if csrf == "garbage":
        data.insert(0, ("csrf_token", "x" + token[1:]))
    if csrf == "twice":
        data.append(("csrf_token", "other"))
    rid = case.get("response_id")
    if rid == "fixed":
        rid = FIXED_ID
    if rid is not None:
        data.insert(0, ("response_id", rid))
    if "honeypot" in case:
        data.append(("contact_url", case["honeypot"]))
    if "comment" in case:
        data.append(("comment", case["comment"]))
    url = f"/s/{case.get('site', 'WI')}{case.get('query', '')}"
    body = "&".join(
        f"{_quote(k)}={_quote(v)}" for k, v in data
    )  # built by hand: repeated and odd names as a browser or a bot sends them
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    return client.post(url, data=body, headers=headers), rid


def _quote(text: str) -> str:
    return quote(text, safe="")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=forms | raw)
def test_form_post_never_fails_and_never_half_stores(form_client, case: dict) -> None:
    client, token = form_client
    before = stored_ids()
    response, rid = post(client, token, case)
    status = response.status_code
    assert status < 500, response.get_data(as_text=True)[:500]
    after = stored_ids()
    event(f"status {status}, stored {len(after - before)}")
    if status == 303:
        assert "/thanks" in response.headers["Location"]
        assert after - before <= ({str(uuid.UUID(rid))} if _is_uuid(rid) else set())
    else:
        assert status in (400, 403, 404, 413), status
        html = response.get_data(as_text=True)
        if status != 404:
            assert 'role="alert"' in html, html[:500]  # the problem is named on the page
        assert after == before  # nothing of a rejected post is kept
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def _is_uuid(value: str | None) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
