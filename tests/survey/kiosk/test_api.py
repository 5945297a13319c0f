"""The device API through the Flask test client (both database backends)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, inspect, select

from survey.database import db
from survey.database.types import utcnow
from survey.kiosk import operations
from survey.kiosk.models import KioskDevice
from survey.responses.models import Response
from survey.responses.tallies import ResponseTally

from .conftest import bearer


def _response(**fields):
    body = {
        "id": str(uuid.uuid4()),
        "locale": "de",
        "questionnaire": "core@1",
        "answers": {"overall": 5, "topic": 2, "improve": [1, 3]},
        "comment": "Alles gut",
    }
    body.update(fields)
    return body


def _stored() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Response))


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def test_bundle_has_questionnaire_texts_and_settings(client, token, kiosk_site):
    response = client.get("/kiosk/api/bundle", headers=bearer(token))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    bundle = response.get_json()
    assert bundle["settings"]["idle_seconds"] == 45
    assert bundle["settings"]["min_interval_seconds"] == 15
    assert [loc["code"] for loc in bundle["locales"]] == ["de", "en", "ar", "ti"]
    assert {loc["code"]: loc["dir"] for loc in bundle["locales"]}["ar"] == "rtl"
    assert bundle["questionnaire"]["key"] == "core@1"
    codes = [item["code"] for item in bundle["questionnaire"]["items"]]
    assert codes[:2] == ["topic", "overall"] and codes[-1] == "comment"
    de = bundle["texts"]["de"]
    assert de["items"]["overall"]["text"].startswith("Wie zufrieden")
    assert len(de["items"]["overall"]["options"]) == 5
    assert set(de["ui"]) >= {"greeting", "start", "back", "skip", "next", "send", "thanks"}
    assert set(bundle["texts"]) == {"de", "en", "ar", "ti"}
    assert bundle["device"]["label"] == "Schalter 1"


def test_stored_once_per_uuid(client, token):
    body = _response()
    first = client.post("/kiosk/api/responses", json=body, headers=bearer(token))
    assert first.status_code == 201
    assert first.get_json() == {
        "id": body["id"],
        "status": "stored",
        "duplicate": False,
        "flagged": False,
    }
    for _ in range(3):
        retry = client.post("/kiosk/api/responses", json=body, headers=bearer(token))
        assert retry.status_code == 200
        assert retry.get_json()["duplicate"] is True
    assert _stored() == 1
    stored = db.session.scalar(select(Response))
    assert (stored.channel, stored.device_id is not None, stored.flagged) == ("kiosk", True, False)


def test_authentication(client, token, kiosk_site, pair):
    body = _response()
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": f"Basic {token}"}):
        response = client.post("/kiosk/api/responses", json=body, headers=headers)
        assert (response.status_code, response.get_json()) == (401, {"error": "not_paired"})
        assert client.get("/kiosk/api/bundle", headers=headers).status_code == 401
    assert _stored() == 0


def test_revoked_device_is_refused_everywhere(client, token):
    device = db.session.scalar(select(KioskDevice))
    operations.revoke(db.session, device.id, utcnow())
    db.session.commit()
    for method, url in (
        ("post", "/kiosk/api/responses"),
        ("post", "/kiosk/api/heartbeat"),
        ("get", "/kiosk/api/bundle"),
    ):
        kwargs = {"json": _response()} if method == "post" else {}
        response = getattr(client, method)(url, headers=bearer(token), **kwargs)
        assert (response.status_code, response.get_json()) == (403, {"error": "device_revoked"})
    assert _stored() == 0


def test_validation_errors_are_clear_and_store_nothing(client, token):
    body = _response(locale="xx", answers={"overall": 7, "bogus": 1, "appointment": "na"})
    response = client.post("/kiosk/api/responses", json=body, headers=bearer(token))
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "invalid",
        "errors": {"locale": "unknown_locale", "overall": "out_of_range", "bogus": "unknown_item"},
    }
    not_offered = client.post(  # a valid language the site does not offer
        "/kiosk/api/responses", json=_response(locale="fr"), headers=bearer(token)
    )
    assert not_offered.get_json()["errors"] == {"locale": "unknown_locale"}
    for data in ("{not json", "[1, 2]", ""):
        bad = client.post(
            "/kiosk/api/responses",
            data=data,
            content_type="application/json",
            headers=bearer(token),
        )
        assert (bad.status_code, bad.get_json()) == (400, {"error": "bad_json"})
    assert _stored() == 0


def test_too_large_is_413(client, token):
    body = _response(comment="x" * 70_000)
    response = client.post("/kiosk/api/responses", json=body, headers=bearer(token))
    assert (response.status_code, response.get_json()) == (413, {"error": "too_large"})
    assert _stored() == 0


def test_no_csrf_token_needed_but_csrf_still_on(make_app, kiosk_site, pair):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        token = pair(kiosk_site)
        client = app.test_client()
        response = client.post("/kiosk/api/responses", json=_response(), headers=bearer(token))
        assert response.status_code == 201
        assert app.config["WTF_CSRF_ENABLED"] is True


def test_interval_flags_fast_responses_and_keeps_them_out_of_tallies(client, token):
    start = datetime.now(UTC)  # not before the pairing: such times are not believed
    times = [start, start + timedelta(seconds=5), start + timedelta(seconds=30)]
    flags = []
    for moment in times:
        body = _response(answered_at=_iso(moment))
        response = client.post("/kiosk/api/responses", json=body, headers=bearer(token))
        assert response.status_code == 201
        flags.append(response.get_json()["flagged"])
    assert flags == [False, True, False]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).where(Response.flagged)) == 1
    assert db.session.scalar(select(func.sum(ResponseTally.n))) == 2
    [status] = operations.list_devices(db.session, None, utcnow())
    assert status.flagged == 1


def _paired_before(token: str, moment: datetime) -> None:
    device = operations.authenticate(db.session, token)
    device.created_at = moment
    db.session.commit()


def test_queued_response_keeps_its_own_day(client, token):
    """A response given offline yesterday evening is dated yesterday, not on delivery."""
    yesterday = (datetime.now(UTC) - timedelta(days=1)).replace(hour=16, minute=0)
    _paired_before(token, yesterday - timedelta(days=1))
    body = _response(answered_at=_iso(yesterday))
    client.post("/kiosk/api/responses", json=body, headers=bearer(token))
    stored = db.session.get(Response, uuid.UUID(body["id"]))
    assert stored.day == yesterday.date()
    assert stored.hour_band == 3  # 17:00 or 18:00 in Berlin


def test_implausible_tablet_clock_is_not_believed(client, token):
    body = _response(answered_at="2099-01-01T10:00:00Z")
    client.post("/kiosk/api/responses", json=body, headers=bearer(token))
    assert db.session.get(Response, uuid.UUID(body["id"])).day <= datetime.now(
        UTC
    ).date() + timedelta(days=1)


def test_heartbeat_updates_health(client, token):
    response = client.post(
        "/kiosk/api/heartbeat",
        json={"app_version": "abc123def456", "queue_length": 3},
        headers=bearer(token),
    )
    assert response.status_code == 200
    device = db.session.scalar(select(KioskDevice))
    assert (device.app_version, device.queue_length) == ("abc123def456", 3)
    assert device.last_seen_at is not None
    client.post(
        "/kiosk/api/heartbeat",
        json={"app_version": "v" * 100, "queue_length": -5},
        headers=bearer(token),
    )
    db.session.expire_all()
    device = db.session.scalar(select(KioskDevice))
    assert (len(device.app_version), device.queue_length) == (32, 0)
    [status] = operations.list_devices(db.session, None, utcnow())
    assert not status.silent


def test_nothing_identifying_is_stored():
    """No column of a response could hold an IP address, user agent or exact time."""
    columns = {c.name for c in inspect(Response).columns}
    assert columns == {
        "id",
        "site_id",
        "questionnaire_id",
        "channel",
        "locale",
        "day",
        "hour_band",
        "device_id",
        "flagged",
        "presentation",  # 0–2: how the scale was shown, the site's setting of that day
    }


def test_bundle_offers_all_eighteen_languages_when_the_site_names_none(client, make_site, pair):
    site = make_site("DA", "Darmstadt", kiosk_idle_seconds=30)
    bundle = client.get("/kiosk/api/bundle", headers=bearer(pair(site))).get_json()
    codes = [loc["code"] for loc in bundle["locales"]]
    assert len(codes) == 18 and codes[0] == "de"
    assert {"de-easy", "fa-AF", "ckb", "ti", "ps"} <= set(codes)
    rtl = {loc["code"] for loc in bundle["locales"] if loc["dir"] == "rtl"}
    assert rtl == {"ar", "fa", "fa-AF", "ps", "ckb"}
    assert set(bundle["texts"]) == set(codes)
    assert bundle["settings"]["idle_seconds"] == 30
    for code in codes:  # the questionnaire is complete in every language
        assert len(bundle["texts"][code]["items"]["improve"]["options"]) == 8
    response = client.post(
        "/kiosk/api/responses", json=_response(locale="fa-AF"), headers=bearer(pair(site))
    )
    assert response.status_code == 201
