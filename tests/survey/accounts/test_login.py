from __future__ import annotations

from sqlalchemy import select

from survey.audit.models import AuditEvent
from survey.database import db
from tests.survey.staff import PASSWORD, csrf_token, post_form, sign_in, sign_out

FAILED = "Anmeldung fehlgeschlagen"


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_sign_in_and_out(client, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    response = sign_in(client, user)
    assert response.status_code == 302 and response.location == "/start"
    page = client.get("/admin/").get_data(as_text=True)
    assert "anna" in page
    assert client.get("/logout").status_code == 405  # signing out is a POST with a token
    out = sign_out(client)
    assert out.status_code == 302 and out.location == "/login"
    assert client.get("/admin/").status_code == 302
    assert audit_actions() == ["login", "logout"]


def test_wrong_password_unknown_user_and_inactive_look_alike(client, make_site, make_user):
    site = make_site("WI")
    make_user("anna", "lead", [site])
    make_user("gone", "lead", [site], active=False)
    for username, password in [
        ("anna", "wrong password!"),
        ("nobody", PASSWORD),
        ("gone", PASSWORD),
    ]:
        response = post_form(client, "/login", {"username": username, "password": password})
        assert response.status_code == 200
        assert FAILED in response.get_data(as_text=True)
        assert client.get("/admin/").status_code == 302
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login.failed"))
    reasons = [e.details["reason"] for e in events]
    assert reasons == ["password", "unknown", "inactive"]
    # the typed name of an unknown account is not kept (it may be a password)
    assert "nobody" not in str(
        [(e.target, e.details) for e in db.session.scalars(select(AuditEvent))]
    )


def test_client_is_throttled(make_app):
    app = make_app()
    client = app.test_client()
    with app.app_context():
        statuses = [
            post_form(client, "/login", {"username": f"u{i}", "password": "x" * 12}).status_code
            for i in range(11)
        ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    with app.app_context():
        refused = post_form(client, "/login", {"username": "u", "password": "x" * 12})
    assert "Zu viele Versuche" in refused.get_data(as_text=True)


def test_session_is_renewed_on_sign_in(client, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    before = client.get_cookie("session").value
    sign_in(client, user)
    after = client.get_cookie("session").value
    assert after != before
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == f"{user.id}:{user.session_version}"


def test_copied_cookie_is_worthless_after_sign_out(app, client, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    sign_in(client, user)
    stolen = client.get_cookie("session").value
    sign_out(client)
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/admin/").status_code == 302


def test_password_change_ends_other_sessions(app, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    here, elsewhere = app.test_client(), app.test_client()
    sign_in(here, user)
    sign_in(elsewhere, user)
    assert elsewhere.get("/admin/").status_code == 200
    short = post_form(
        here,
        "/account/password",
        {"current": PASSWORD, "password": "too short", "confirm": "too short"},
    )
    assert short.status_code == 200 and "Mindestens 12 Zeichen" in short.get_data(as_text=True)
    wrong = post_form(
        here,
        "/account/password",
        {"current": "not it at all", "password": "a" * 12, "confirm": "a" * 12},
    )
    assert "stimmt nicht" in wrong.get_data(as_text=True)
    new = "a new passphrase for her desk"
    done = post_form(
        here, "/account/password", {"current": PASSWORD, "password": new, "confirm": new}
    )
    assert done.status_code == 302
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/").status_code == 302
    assert "user.password_change" in audit_actions()
    fresh = app.test_client()
    assert sign_in(fresh, user, new).status_code == 302


def test_only_local_redirects_after_sign_in(client, make_site, make_user):
    make_user("anna", "lead", [make_site("WI")])
    credentials = {"username": "anna", "password": PASSWORD}
    for target in ["//evil.example/x", "https://evil.example/", "/\\evil.example"]:
        token = csrf_token(client, "/login")
        response = client.post(f"/login?next={target}", data={"csrf_token": token, **credentials})
        assert response.location == "/start", target
        sign_out(client)
    token = csrf_token(client, "/login")
    response = client.post("/login?next=/admin/sites", data={"csrf_token": token, **credentials})
    assert response.location == "/admin/sites"


def test_parallel_failures_are_all_counted(engine, make_site, make_user):
    """Two attempts that read the account at the same moment both count."""
    from sqlalchemy.orm import Session

    from survey.accounts.authentication import register_failure
    from survey.accounts.models import User

    user_id = make_user("anna", "lead", [make_site("WI")]).id
    with (
        Session(engine, expire_on_commit=False) as first,
        Session(engine, expire_on_commit=False) as second,
    ):
        mine, theirs = first.get(User, user_id), second.get(User, user_id)
        assert mine.failed_logins == theirs.failed_logins == 0
        first.commit()  # end the read transactions (SQLite: no upgrade deadlock)
        second.commit()
        register_failure(first, mine, "password")
        first.commit()
        register_failure(second, theirs, "password")
        second.commit()
    db.session.expire_all()
    assert db.session.get(User, user_id).failed_logins == 2
