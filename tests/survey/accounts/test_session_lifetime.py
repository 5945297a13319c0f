"""A staff session ends at the latest 12 hours after signing in, even in use (issue 19)."""

from __future__ import annotations

from tests.survey.staff import PASSWORD, post_form, sign_in


def test_a_busy_session_still_ends(app, fake_clock, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    client = app.test_client()
    assert sign_in(client, user).status_code == 302
    # a request every hour keeps the idle limit at bay for ever...
    for _ in range(11):
        fake_clock.advance(hours=1)
        assert client.get("/admin/").status_code == 200
    fake_clock.advance(minutes=59, seconds=59)
    assert client.get("/admin/").status_code == 200
    # ...but not the absolute one
    fake_clock.advance(seconds=1)
    ended = client.get("/admin/")
    assert ended.status_code == 302 and ended.location == "/login"
    assert "abgelaufen" in client.get("/login").get_data(as_text=True)
    assert client.get("/admin/").status_code == 302  # the session is gone, not just refused once
    fake_clock.advance(hours=1)
    assert sign_in(client, user).status_code == 302  # a new sign-in starts a new 12 hours
    assert client.get("/admin/").status_code == 200


def test_the_limit_is_a_setting(make_app, fake_clock, make_site, make_user):
    app = make_app(SURVEY_SESSION_MAX_SECONDS=3600)
    with app.app_context():
        user = make_user("anna", "lead", [make_site("WI")])
        client = app.test_client()
        sign_in(client, user)
        fake_clock.advance(minutes=59)
        assert client.get("/admin/").status_code == 200
        fake_clock.advance(minutes=1)
        assert client.get("/admin/").status_code == 302


def test_a_password_change_does_not_extend_the_session(app, fake_clock, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    client = app.test_client()
    sign_in(client, user)
    fake_clock.advance(hours=11)
    new = "a quiet garden behind the office"
    done = post_form(
        client, "/account/password", {"current": PASSWORD, "password": new, "confirm": new}
    )
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200
    fake_clock.advance(hours=1)
    assert client.get("/admin/").status_code == 302


def test_a_session_without_its_start_is_refused(app, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    client = app.test_client()
    sign_in(client, user)
    with client.session_transaction() as session:
        del session["signed_in_at"]  # e.g. a cookie from before this version
    assert client.get("/admin/").status_code == 302
