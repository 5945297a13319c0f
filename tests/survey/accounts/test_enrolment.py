"""Staff accounts are set up through single-use, expiring enrolment links (issue 19).

Nobody chooses an admin's second factor with the password alone any more.
"""

from __future__ import annotations

import re

import pyotp
from sqlalchemy import select

from survey.accounts.models import User
from survey.accounts.operations import password_matches
from survey.audit.models import AuditEvent
from survey.database import db
from tests.survey.staff import PASSWORD, post_form, sign_in

LINK = re.compile(r"(/account/enrol/[A-Za-z0-9_\-]+)")
NEW = "a long walk along the river"


def events(action: str) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    return list(db.session.scalars(query))


def secret_on(page: str) -> str:
    return re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)


def test_an_admin_without_second_factor_cannot_sign_in(client, make_user):
    admin = make_user("root", "admin")
    response = sign_in(client, admin)
    assert response.status_code == 200
    assert "Einrichtungslink" in response.get_data(as_text=True)
    for path in ["/admin/", "/admin/users", "/account", "/account/totp"]:
        assert client.get(path).status_code == 302, path
        assert client.get(path).location.startswith("/login"), path
    db.session.refresh(admin)
    assert admin.totp_secret is None
    assert events("login.failed")[-1].details["reason"] == "no-second-factor"


def test_cli_add_admin_prints_a_link_that_sets_password_and_totp(app, runner, fake_clock):
    result = runner.invoke(args=["users", "add", "root", "--role", "admin", "--link"])
    assert result.exit_code == 0, result.output
    path = LINK.search(result.output).group(1)
    root = db.session.scalar(select(User).filter_by(username="root"))
    assert root.enrolment_token_hash and path.rsplit("/", 1)[1] not in root.enrolment_token_hash
    assert not password_matches(root, "")
    client = app.test_client()
    page = client.get(path)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    secret = secret_on(page.get_data(as_text=True))
    assert secret_on(client.get(path).get_data(as_text=True)) == secret  # same on reload
    wrong = post_form(client, path, {"password": NEW, "confirm": NEW, "code": "000000"})
    assert wrong.status_code == 200 and "stimmt nicht" in wrong.get_data(as_text=True)
    weak = post_form(
        client,
        path,
        {"password": "password1234", "confirm": "password1234", "code": _code(secret, fake_clock)},
    )
    assert weak.status_code == 200 and "zu leicht" in weak.get_data(as_text=True)
    done = post_form(
        client, path, {"password": NEW, "confirm": NEW, "code": _code(secret, fake_clock)}
    )
    assert done.status_code == 302 and done.location == "/login"
    db.session.refresh(root)
    assert root.totp_secret == secret and password_matches(root, NEW)
    assert root.enrolment_token_hash is None
    # single use
    assert client.get(path).status_code == 404
    assert app.test_client().get(path).status_code == 404
    # audit: made on the command line, used by the person
    made, used = events("user.enrolment_link"), events("user.enrolment_use")
    assert [(e.actor, e.target) for e in made] == [("cli", "user:root")]
    assert [(e.actor, e.target, e.details["totp"]) for e in used] == [("root", "user:root", True)]
    # and the admin signs in with both factors
    fake_clock.advance(seconds=30)
    step_one = post_form(client, "/login", {"username": "root", "password": NEW})
    assert step_one.location == "/login/totp"
    step_two = post_form(client, "/login/totp", {"code": _code(secret, fake_clock)})
    assert step_two.location == "/start"


def _code(secret: str, clock) -> str:
    return pyotp.TOTP(secret).at(clock.now())


def test_cli_add_admin_with_password_still_needs_the_link(runner):
    result = runner.invoke(args=["users", "add", "root", "--role", "admin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert LINK.search(result.output)
    assert "second factor" in result.output


def test_a_link_expires(app, runner, fake_clock, make_site):
    make_site("WI")
    result = runner.invoke(
        args=["users", "add", "anna", "--role", "lead", "--site", "WI", "--link"]
    )
    path = LINK.search(result.output).group(1)
    client = app.test_client()
    assert client.get(path).status_code == 200
    fake_clock.advance(hours=72)
    assert client.get(path).status_code == 404
    refused = post_form(client, path, {"password": NEW, "confirm": NEW}, page="/login")
    assert refused.status_code == 404
    anna = db.session.scalar(select(User).filter_by(username="anna"))
    assert not password_matches(anna, NEW)


def test_a_new_link_replaces_the_old_one(app, runner, make_site, make_user):
    make_user("anna", "lead", [make_site("WI")])
    first = LINK.search(runner.invoke(args=["users", "enrolment-link", "anna"]).output).group(1)
    second = LINK.search(runner.invoke(args=["users", "enrolment-link", "anna"]).output).group(1)
    client = app.test_client()
    assert client.get(first).status_code == 404
    page = client.get(second)
    assert page.status_code == 200
    assert 'class="secret"' not in page.get_data(as_text=True)  # no second factor for a lead
    done = post_form(client, second, {"password": NEW, "confirm": NEW})
    assert done.status_code == 302


def test_bad_tokens_are_refused(client):
    for token in ["x", "x" * 300, "%00", "..%2F"]:
        assert client.get(f"/account/enrol/{token}").status_code == 404


def test_admin_makes_a_user_in_the_web_and_sees_the_link_once(app, make_site, make_user):
    make_site("WI")
    admin = make_user("root", "admin", totp=True)
    client = app.test_client()
    sign_in(client, admin)
    created = post_form(
        client, "/admin/users/new", {"username": "anna", "role": "lead", "sites": ["WI"]}
    )
    assert created.status_code == 200
    page = created.get_data(as_text=True)
    assert "http://localhost/account/enrol/" in page
    path = LINK.search(page).group(1)
    anna = db.session.scalar(select(User).filter_by(username="anna"))
    assert path.rsplit("/", 1)[1] not in str([e.details for e in events("user.enrolment_link")])
    assert [e.actor for e in events("user.enrolment_link")] == ["root"]
    edit = client.get(f"/admin/users/{anna.id}").get_data(as_text=True)
    assert path not in edit  # shown once only
    # a new link from the user's page
    again = post_form(
        client, f"/admin/users/{anna.id}/enrolment-link", {}, page=f"/admin/users/{anna.id}"
    )
    assert again.status_code == 200
    newer = LINK.search(again.get_data(as_text=True)).group(1)
    assert newer != path
    person = app.test_client()
    assert person.get(path).status_code == 404
    assert post_form(person, newer, {"password": NEW, "confirm": NEW}).status_code == 302
    db.session.refresh(anna)
    assert sign_in(app.test_client(), anna, NEW).status_code == 302


def test_reset_totp_of_an_admin_prints_a_link(runner, make_user):
    make_user("root", "admin", totp=True)
    result = runner.invoke(args=["users", "reset-totp", "root"])
    assert result.exit_code == 0 and LINK.search(result.output)
