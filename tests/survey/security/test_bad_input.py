"""Bad input found by the outside test: a clear answer, never a 500, nothing stored wrong."""

from __future__ import annotations

import json
import uuid
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from survey.database import db
from survey.database.types import utcnow
from survey.kiosk.pairing import create_code, redeem
from survey.responses.models import Comment
from survey.security.request_input import MAX_JSON_DEPTH, clean_text, json_depth
from tests.survey.form.submitting import open_form, post
from tests.survey.staff import sign_in

NESTED = b"[" * 30_000 + b"]" * 30_000  # 60 KB


@pytest.fixture
def site(make_site):
    return make_site("WI", "Wiesbaden", locales=["de", "en"], kiosk_min_interval_seconds=0)


@pytest.fixture
def token(site) -> str:
    issued = create_code(db.session, site, utcnow(), "Schalter 1")
    paired = redeem(db.session, issued.code, utcnow())
    db.session.commit()
    return paired.token


@pytest.fixture
def staff(app, make_user, site, make_response):
    make_response(site)

    def client(role: str):
        own = [site] if role in ("lead", "viewer") else []
        user = make_user(f"u-{role}", role, own, totp=role == "admin")
        c = app.test_client()
        assert sign_in(c, user).status_code == 302
        return c

    return client


def comments() -> list[str]:
    return list(db.session.scalars(select(Comment.text)))


@pytest.mark.parametrize("path", ["/s/WI?endpoint=x", "/privacy?endpoint=1", "/s/WI?_external=1"])
def test_query_names_of_url_for_are_only_query(client, site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "endpoint=" in response.get_data(as_text=True) or "_external" in path


def test_language_links_keep_the_query_as_query(client, site):
    page = client.get("/s/WI?endpoint=x&lang=de").get_data(as_text=True)
    assert "/s/WI?endpoint=x&amp;lang=en" in page


@pytest.mark.parametrize(
    "query",
    [
        "topic=²",
        "topic=99999999999999999999",
        "period=custom&from=2016-01&to=9999-12",
        "period=custom&from=0001-02&to=9999-11",
        "period=custom&from=2016-1x&to=2016-13",
        "a=0001-01:9999-12&b=2016-01:2016-03",
    ],
)
def test_dashboard_filters_out_of_range_fall_back(staff, query):
    provider = staff("provider")
    assert provider.get(f"/dashboard/WI?{query}").status_code == 200
    assert provider.get(f"/dashboard/?{query}").status_code == 200


@pytest.mark.parametrize("page", ["99999999999999999999", "²", "-3", "0", "10000001"])
def test_audit_page_out_of_range(staff, page):
    response = staff("admin").get(f"/admin/audit?page={page}&endpoint=x")
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["until=9999-12-31", "since=0001-01-01&until=9999-12-31"])
def test_audit_dates_at_the_ends_of_the_calendar(staff, query):
    assert staff("admin").get(f"/admin/audit?{query}").status_code == 200


def test_audit_paging_links_keep_filters_as_query(staff):
    from survey.audit.operations import record as audit_record

    for n in range(101):
        audit_record(db.session, "test.event", actor=None, target=f"t{n}")
    db.session.commit()
    page = staff("admin").get("/admin/audit?endpoint=x&action=test.event").get_data(as_text=True)
    assert "endpoint=x&amp;action=test.event&amp;page=2" in page


@pytest.mark.parametrize(
    "path", ["/kiosk/api/pair", "/kiosk/api/responses", "/kiosk/api/heartbeat"]
)
def test_deeply_nested_json_is_bad_json(client, token, path):
    response = client.post(
        path,
        data=NESTED,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_json"


def test_json_depth_skips_brackets_inside_strings():
    assert json_depth(b'{"a": "[[[[", "b": [1, {"c": "]\\"]"}]}') == 3
    assert json_depth("[" * (MAX_JSON_DEPTH + 1)) == MAX_JSON_DEPTH + 1


def test_clean_text():
    assert clean_text("a\x00b\ud800c") == "ab\ufffdc"


@pytest.mark.parametrize(
    ("sent", "kept"), [("gut\\u0000 so", "gut so"), ("gut \\ud800 so", "gut \ufffd so")]
)
def test_kiosk_comment_nul_and_lone_surrogate(client, token, sent, kept):
    body = f'{{"id": "{uuid.uuid4()}", "locale": "de", "answers": {{"overall": 4}}, '
    body += f'"comment": "{sent}"}}'
    response = client.post(
        "/kiosk/api/responses",
        data=body.encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 201, response.get_json()
    assert comments() == [kept]


def test_form_comment_nul(client, site):
    response = post(client, "/s/WI", {"overall": "4", "comment": "gut\x00 so"})
    assert response.status_code in (200, 302, 303)
    assert comments() == ["gut so"]


def test_form_comment_encoded_surrogate(client, site):
    """A browser cannot send a lone surrogate; its UTF-8-like bytes arrive replaced."""
    fields = open_form(client, "/s/WI")
    body = urlencode({**fields, "overall": "4"}) + "&comment=gut+%ED%A0%80+so%00"
    response = client.post("/s/WI", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 302, 303)
    [kept] = comments()
    assert kept.startswith("gut ") and kept.endswith(" so") and "\x00" not in kept


def test_nul_in_query_reaches_no_database(staff):
    response = staff("admin").get("/admin/audit?actor=a%00b&action=x%00")
    assert response.status_code == 200


def test_pairing_code_with_nul_is_an_invalid_code(client, site):
    response = client.post("/kiosk/api/pair", data=json.dumps({"code": "12\x0034"}))
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_code"
