from __future__ import annotations

from sqlalchemy import select

from survey.accounts.models import User
from survey.accounts.operations import password_matches
from survey.database import db
from survey.sites.models import Site


def test_sites_add(runner):
    result = runner.invoke(args=["sites", "add", "wi", "Wiesbaden"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(Site.name).filter_by(code="WI")) == "Wiesbaden"
    duplicate = runner.invoke(args=["sites", "add", "WI", "Nochmal"])
    assert duplicate.exit_code == 1
    assert "exists already" in duplicate.output
    bad = runner.invoke(args=["sites", "add", "W I!", "Kaputt"])
    assert bad.exit_code == 1
    assert "invalid site code" in bad.output


def test_users_add_reads_password_from_stdin(runner, make_site):
    make_site("WI", "Wiesbaden")
    result = runner.invoke(
        args=["users", "add", "anna", "--role", "lead", "--site", "WI"],
        input="correct horse battery\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).filter_by(username="anna"))
    assert user.role == "lead"
    assert [s.code for s in user.sites] == ["WI"]
    assert password_matches(user, "correct horse battery")
    assert "correct horse" not in user.password_hash


def test_users_add_refuses_bad_input(runner, make_site):
    make_site("WI", "Wiesbaden")
    short = runner.invoke(args=["users", "add", "bob", "--role", "admin"], input="short\n")
    assert short.exit_code == 1 and "12 characters" in short.output
    no_site = runner.invoke(args=["users", "add", "bob", "--role", "viewer"], input="x" * 12 + "\n")
    assert no_site.exit_code == 1 and "--site" in no_site.output
    unknown = runner.invoke(
        args=["users", "add", "bob", "--role", "lead", "--site", "XX"], input="x" * 12 + "\n"
    )
    assert unknown.exit_code == 1 and "XX" in unknown.output
    assert db.session.scalar(select(User).filter_by(username="bob")) is None


def test_users_add_with_nothing_on_standard_input_says_so(runner):
    for given in ("", "\n"):
        result = runner.invoke(args=["users", "add", "bob", "--role", "viewer"], input=given)
        assert result.exit_code == 1
        assert "no password on standard input" in result.output and "--link" in result.output
        assert "12 characters" not in result.output
    assert db.session.scalar(select(User).filter_by(username="bob")) is None
