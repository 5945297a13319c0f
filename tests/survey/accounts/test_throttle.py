"""Failed sign-ins slow down one account from one client, and lock out no one (issue 19).

The delays are driven by a fake clock: no test sleeps.
"""

from __future__ import annotations

import pyotp
from sqlalchemy import select

from survey.accounts import throttle
from survey.accounts.models import LoginThrottle
from survey.audit.models import AuditEvent
from survey.database import db
from tests.survey.staff import PASSWORD, post_form, sign_in

FAILED = "Anmeldung fehlgeschlagen"
ATTACKER = {"REMOTE_ADDR": "203.0.113.66"}
OWNER = {"REMOTE_ADDR": "198.51.100.7"}


WRONG = "not the password"


def guess(client, username="anna", password=WRONG, environ=ATTACKER):
    return post_form(
        client,
        "/login",
        {"username": username, "password": password},
        environ_base=environ,
    )


def reasons() -> list[str]:
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "login.failed").order_by(AuditEvent.id)
    )
    return [e.details["reason"] for e in events]


def test_delays_grow_and_are_capped():
    delays = [throttle.delay_after(n).total_seconds() for n in range(1, 16)]
    assert delays[: throttle.FREE_FAILURES] == [0] * throttle.FREE_FAILURES
    assert delays[3:8] == [2, 4, 8, 16, 32]
    assert max(delays) == throttle.MAX_DELAY.total_seconds() == delays[-1]


def test_guessing_slows_the_guesser_and_not_the_owner(app, fake_clock, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    attacker = app.test_client()
    for _ in range(throttle.FREE_FAILURES + 1):
        assert FAILED in guess(attacker).get_data(as_text=True)
    # the 4th failure imposes 2 seconds: even the right password waits
    response = guess(attacker, password=PASSWORD)
    assert response.status_code == 200 and FAILED in response.get_data(as_text=True)
    assert reasons()[-1] == "throttled"
    # the owner, at another address, signs in at once: no lockout
    owner = app.test_client()
    owner_in = post_form(
        owner, "/login", {"username": "anna", "password": PASSWORD}, environ_base=OWNER
    )
    assert owner_in.status_code == 302
    # the attacker may try again once the delay has passed, and is slowed more each time
    fake_clock.advance(seconds=2)
    guess(attacker)
    fake_clock.advance(seconds=3)  # the 5th failure imposes 4 seconds
    assert reasons()[-1] != "throttled"
    guess(attacker)
    assert reasons()[-1] == "throttled"
    fake_clock.advance(seconds=1)
    assert guess(attacker, password=PASSWORD).status_code == 302
    # a right password clears the pair's count
    assert db.session.scalar(select(LoginThrottle)) is None
    db.session.refresh(user)
    assert user.locked_until is None


def test_the_count_is_per_account_and_client(app, fake_clock, make_site, make_user):
    site = make_site("WI")
    make_user("anna", "lead", [site])
    make_user("bert", "lead", [site])
    client = app.test_client()
    for _ in range(throttle.FREE_FAILURES + 1):
        guess(client)
    assert reasons()[-1] == "password"
    # another account from the same address is not delayed by anna's failures
    assert guess(client, "bert", PASSWORD).status_code == 302
    assert db.session.scalar(select(LoginThrottle.failures)) == throttle.FREE_FAILURES + 1


def test_unknown_names_are_slowed_too(app, fake_clock):
    client = app.test_client()
    for _ in range(throttle.FREE_FAILURES + 1):
        guess(client, "nobody")
    guess(client, "nobody")
    assert reasons()[-1] == "throttled"


def test_no_address_or_name_is_stored(app, fake_clock, make_site, make_user):
    make_user("anna", "lead", [make_site("WI")])
    guess(app.test_client())
    row = db.session.scalar(select(LoginThrottle))
    assert row is not None and row.failures == 1
    assert "203.0.113.66" not in row.key and "anna" not in row.key
    assert len(row.key) == 64


def test_second_factor_guesses_are_slowed(app, fake_clock, make_user):
    admin = make_user("root", "admin", totp=True)
    client = app.test_client()
    step_one = post_form(client, "/login", {"username": "root", "password": PASSWORD})
    assert step_one.location == "/login/totp"
    for _ in range(throttle.FREE_FAILURES + 1):
        post_form(client, "/login/totp", {"code": "000000"})
    right = pyotp.TOTP(admin.totp_secret).at(fake_clock.now())
    refused = post_form(client, "/login/totp", {"code": right})
    assert refused.status_code == 200 and FAILED in refused.get_data(as_text=True)
    assert reasons()[-1] == "totp-refused"
    fake_clock.advance(seconds=2)
    right = pyotp.TOTP(admin.totp_secret).at(fake_clock.now())
    done = post_form(client, "/login/totp", {"code": right})
    assert done.status_code == 302 and done.location == "/start"


def test_old_counts_are_forgotten(app, fake_clock, make_site, make_user):
    make_user("anna", "lead", [make_site("WI")])
    guess(app.test_client())
    fake_clock.advance(days=1, seconds=1)
    other = {"REMOTE_ADDR": "192.0.2.1"}
    guess(app.test_client(), environ=other)
    # the first pair's row, a day old, was removed by the next failure
    assert db.session.scalars(select(LoginThrottle.failures)).all() == [1]


def test_many_wrong_passwords_never_lock_the_account(app, fake_clock, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    client = app.test_client()
    for _ in range(9):  # the 11th POST in a minute would meet the address's rate limit
        guess(client)
        fake_clock.advance(minutes=16)
    db.session.refresh(user)
    assert user.failed_logins == 9 and user.locked_until is None
    fake_clock.advance(minutes=16)
    assert sign_in(app.test_client(), user).status_code == 302
