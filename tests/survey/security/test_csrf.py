from __future__ import annotations

from sqlalchemy import select

from survey.accounts.models import User
from survey.database import db
from tests.survey.staff import PASSWORD, csrf_token, sign_in


def test_sign_in_without_token_is_refused(client, make_site, make_user):
    make_user("anna", "lead", [make_site("WI")])
    response = client.post("/login", data={"username": "anna", "password": PASSWORD})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Dem Formular fehlte sein Sicherheitsmerkmal" in html
    assert "zu lange offen" not in html, "a missing token is not an expired one"
    assert client.get("/admin/").status_code == 302


def test_the_refusal_says_missing_expired_or_not_matching_in_english(make_app, make_user):
    app = make_app(WTF_CSRF_TIME_LIMIT=-1)  # every token is already past its limit
    english = {"Accept-Language": "en"}
    with app.app_context():
        make_user("anna", "viewer")
        client = app.test_client()
        data = {"username": "anna", "password": PASSWORD}
        missing = client.post("/login", data=data, headers=english).get_data(as_text=True)
        assert "The form arrived without its security token" in missing
        token = csrf_token(client, "/login")
        late = client.post("/login", data={**data, "csrf_token": token}, headers=english)
        assert late.status_code == 400
        assert "The form was open too long and has expired" in late.get_data(as_text=True)
        forged = client.post("/login", data={**data, "csrf_token": "forged"}, headers=english)
        assert "does not belong to your current session" in forged.get_data(as_text=True)


def test_state_changes_without_token_are_refused(app, make_site, make_user):
    admin = make_user("root", "admin", totp=True)
    client = app.test_client()
    sign_in(client, admin)
    token = csrf_token(client, "/admin/users/new")
    new_user = {"username": "mallory", "role": "admin"}
    for data in (new_user, {**new_user, "csrf_token": "forged"}):
        assert client.post("/admin/users/new", data=data).status_code == 400
    assert db.session.scalar(select(User).filter_by(username="mallory")) is None
    # a token from another session does not help either
    other = app.test_client()
    other_token = csrf_token(other, "/login")
    forged = client.post("/admin/users/new", data={**new_user, "csrf_token": other_token})
    assert forged.status_code == 400
    assert client.post("/logout").status_code == 400
    assert client.get("/admin/").status_code == 200  # still signed in
    # with its own token the same request goes through
    done = client.post("/admin/users/new", data={**new_user, "csrf_token": token})
    assert done.status_code == 200 and "/account/enrol/" in done.get_data(as_text=True)
    assert db.session.scalar(select(User).filter_by(username="mallory")) is not None


#: POST routes allowed to work without a CSRF token, each with the reason: only
#: routes authenticated otherwise than by the session cookie.
KIOSK_API = "kiosk device API: authenticated by a bearer token, no cookie"
CSRF_EXEMPT: dict[str, str] = {
    "kiosk_api.pair": KIOSK_API,
    "kiosk_api.responses": KIOSK_API,
    "kiosk_api.heartbeat": KIOSK_API,
}


def test_every_post_route_refuses_a_request_without_token(app, make_site, make_user):
    from tests.survey.access.routes import declared_rule, routes_of, rule_object

    site = make_site("AA")
    admin = make_user("root", "admin", totp=True)
    lead = make_user("lead", "lead", [site])
    client = app.test_client()
    sign_in(client, admin)
    samples = {
        "site": "AA",
        "device": 1,
        "measure": 1,
        "user": lead.id,
        "filename": "x",
        "code": "AA",
        "token": "x",
        "lang": "de",
        "clip": "intro",
    }
    checked = []
    for route in routes_of(app):
        if route.method != "POST" or route.endpoint in CSRF_EXEMPT:
            continue
        access = declared_rule(app, route.endpoint)
        rule = rule_object(app, route)
        values = {}
        for argument in rule.arguments:
            kind = (
                argument
                if access.public
                else ("site" if argument == access.site_arg else access.objects[argument])
            )
            values[argument] = samples[kind]
        url = rule.build(values, append_unknown=False)[1]
        response = client.post(url, data={})
        assert response.status_code == 400, f"POST {url} without CSRF token: {response.status_code}"
        checked.append(url)
    assert "/logout" in checked and "/login" in checked
    assert client.get("/admin/users").status_code == 200  # nothing above signed us out
