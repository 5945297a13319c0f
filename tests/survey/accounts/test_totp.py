from __future__ import annotations

import re
import time

import pyotp
from sqlalchemy import select

from survey.audit.models import AuditEvent
from survey.database import db
from tests.survey.staff import PASSWORD, post_form, sign_in, sign_out


def enrol(client) -> str:
    """Go through the enrolment page as a person would; return the secret."""
    page = client.get("/account/totp").get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    response = post_form(client, "/account/totp", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302, response.get_data(as_text=True)
    return secret


def test_sign_in_with_second_factor(app, client, make_user):
    admin = make_user("root", "admin", totp=True)
    step_one = post_form(client, "/login", {"username": "root", "password": PASSWORD})
    assert step_one.status_code == 302 and step_one.location == "/login/totp"
    # the password alone opens nothing
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/").location.startswith("/login")
    wrong = post_form(client, "/login/totp", {"code": "123456"})
    assert wrong.status_code == 200 and "fehlgeschlagen" in wrong.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.failed_logins == 1
    right = post_form(client, "/login/totp", {"code": pyotp.TOTP(admin.totp_secret).now()})
    assert right.status_code == 302 and right.location == "/start"
    assert client.get("/admin/users").status_code == 200
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login")).all()
    assert [e.details["totp"] for e in events] == [True]


def test_second_factor_step_needs_the_password_first(client, make_user):
    make_user("root", "admin", totp=True)
    assert client.get("/login/totp").location == "/login"
    response = post_form(client, "/login", {"username": "root", "password": "wrong password"})
    assert response.status_code == 200
    assert client.get("/login/totp").location == "/login"


def test_optional_second_factor_for_other_roles(client, make_site, make_user):
    lead = make_user("anna", "lead", [make_site("WI")])
    sign_in(client, lead)
    assert client.get("/admin/").status_code == 200  # not forced
    secret = enrol(client)
    sign_out(client)
    db.session.refresh(lead)
    assert lead.totp_secret == secret
    step_one = post_form(client, "/login", {"username": "anna", "password": PASSWORD})
    assert step_one.location == "/login/totp"
    # the enrolment used this step's code: the next step's is within the window
    next_code = pyotp.TOTP(secret).at(time.time() + 30)
    step_two = post_form(client, "/login/totp", {"code": next_code})
    assert step_two.location == "/start"
    assert client.get("/account/totp").status_code == 200


def test_a_code_is_accepted_once_only(app, make_user):
    admin = make_user("root", "admin", totp=True)
    code = pyotp.TOTP(admin.totp_secret).now()
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        post_form(client, "/login", {"username": "root", "password": PASSWORD})
    assert post_form(first, "/login/totp", {"code": code}).location == "/start"
    replay = post_form(second, "/login/totp", {"code": code})
    assert replay.status_code == 200 and "fehlgeschlagen" in replay.get_data(as_text=True)
    assert second.get("/admin/").status_code == 302
    reasons = db.session.scalars(
        select(AuditEvent.details).where(AuditEvent.action == "login.failed")
    ).all()
    assert [r["reason"] for r in reasons] == ["totp-replay"]


def test_the_enrolment_code_cannot_be_used_to_sign_in(client, make_site, make_user):
    lead = make_user("anna", "lead", [make_site("WI")])
    sign_in(client, lead)
    page = client.get("/account/totp").get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    code = pyotp.TOTP(secret).now()
    assert post_form(client, "/account/totp", {"code": code}).status_code == 302
    sign_out(client)
    post_form(client, "/login", {"username": "anna", "password": PASSWORD})
    again = post_form(client, "/login/totp", {"code": code})
    assert again.status_code == 200
