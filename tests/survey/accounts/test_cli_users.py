from __future__ import annotations

import re

from sqlalchemy import select

from survey.accounts.models import User
from survey.accounts.operations import password_matches
from survey.audit.models import AuditEvent
from survey.database import db
from tests.survey.staff import PASSWORD, sign_in


def test_disable_ends_sessions_and_refuses_sign_in(app, runner, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    client = app.test_client()
    sign_in(client, user)
    assert client.get("/admin/").status_code == 200
    result = runner.invoke(args=["users", "disable", "anna"])
    assert result.exit_code == 0, result.output
    assert client.get("/admin/").status_code == 302
    assert sign_in(app.test_client(), user).status_code == 200  # refused: form again
    assert runner.invoke(args=["users", "enable", "anna"]).exit_code == 0
    assert sign_in(app.test_client(), user).status_code == 302
    missing = runner.invoke(args=["users", "disable", "nobody"])
    assert missing.exit_code == 1 and "no user nobody" in missing.output


def test_reset_password_from_stdin(app, runner, make_site, make_user):
    user = make_user("anna", "lead", [make_site("WI")])
    client = app.test_client()
    sign_in(client, user)
    short = runner.invoke(args=["users", "reset-password", "anna"], input="short\n")
    assert short.exit_code == 1 and "12 characters" in short.output
    result = runner.invoke(args=["users", "reset-password", "anna"], input="a brand new secret\n")
    assert result.exit_code == 0, result.output
    db.session.refresh(user)
    assert password_matches(user, "a brand new secret")
    assert client.get("/admin/").status_code == 302  # old session ended
    actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-1] == "user.password_reset"
    assert db.session.scalars(select(AuditEvent.actor).order_by(AuditEvent.id)).all()[-1] == "cli"


def test_reset_totp(runner, make_user):
    admin = make_user("root", "admin", totp=True)
    result = runner.invoke(args=["users", "reset-totp", "root"])
    assert result.exit_code == 0, result.output
    db.session.refresh(admin)
    assert admin.totp_secret is None


def test_add_admin_with_second_factor_at_once(app, runner):
    result = runner.invoke(
        args=["users", "add", "root", "--role", "admin", "--totp"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    secret = re.search(r"Key: ([A-Z2-7]+)", result.output).group(1)
    assert "█" in result.output or "▀" in result.output  # the QR code, as text
    root = db.session.scalar(select(User).filter_by(username="root"))
    assert root.totp_secret == secret
    client = app.test_client()
    assert sign_in(client, root).location == "/start"  # no enrolment detour
    assert client.get("/admin/users").status_code == 200
