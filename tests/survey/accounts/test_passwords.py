"""New passwords: long enough, not the user's name, not easy to guess (issue 19)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.accounts.models import User
from survey.accounts.passwords import Weakness, weakness
from survey.database import db
from tests.survey.staff import PASSWORD, post_form, sign_in


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        (" " * 12, Weakness.GUESSABLE),
        ("password1234", Weakness.GUESSABLE),
        ("123456789012", Weakness.GUESSABLE),
        ("qwertzuiop12", Weakness.GUESSABLE),
        ("short", Weakness.TOO_SHORT),
        ("x" * 1025, Weakness.TOO_LONG),
        ("anna.berg the great 7", Weakness.PERSONAL),
        ("my Berg password is long", Weakness.PERSONAL),
    ],
)
def test_weak_passwords_are_named(password, reason):
    assert weakness(password, ["anna.berg@amt.example"]) is reason


def test_a_passphrase_is_strong():
    assert weakness(PASSWORD, ["anna"]) is None
    assert weakness("kiosk tablet on the left", ["anna"]) is None


def test_long_passwords_are_judged_without_error():
    """zxcvbn refuses more than 72 characters: only the start is estimated."""
    assert weakness("a long sentence about the river " * 31, ["anna"]) is None
    assert weakness("1" * 1024, ["anna"]) is weakness("1" * 100) is Weakness.GUESSABLE


@pytest.mark.parametrize("password", [" " * 12, "password1234", "123456789012", "root password 1"])
def test_cli_refuses_weak_passwords(runner, password):
    result = runner.invoke(args=["users", "add", "root", "--role", "admin"], input=password + "\n")
    assert result.exit_code == 1
    assert "password" in result.output
    assert db.session.scalar(select(User).filter_by(username="root")) is None


def test_cli_reset_refuses_the_user_name(runner, make_site, make_user):
    make_user("anna", "lead", [make_site("WI")])
    result = runner.invoke(
        args=["users", "reset-password", "anna"], input="anna likes long passwords\n"
    )
    assert result.exit_code == 1 and "user name" in result.output


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("de", "zu leicht zu erraten"), ("en", "too easy to guess")],
)
def test_web_password_change_explains_in_the_users_language(
    app, make_site, make_user, lang, expected
):
    user = make_user("anna", "lead", [make_site("WI")])
    client = app.test_client()
    sign_in(client, user)
    client.set_cookie("lang", lang)
    refused = post_form(
        client,
        "/account/password",
        {"current": PASSWORD, "password": "password1234", "confirm": "password1234"},
    )
    assert refused.status_code == 200
    assert expected in refused.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.password_hash.endswith("password1234")
    named = post_form(
        client,
        "/account/password",
        {"current": PASSWORD, "password": "ANNA is my name", "confirm": "ANNA is my name"},
    )
    assert named.status_code == 200
    assert {"de": "Benutzernamen", "en": "user name"}[lang] in named.get_data(as_text=True)
