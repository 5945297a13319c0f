"""``flask --app wsgi users …``: add, disable, reset password or second factor."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from survey.database import db

from . import enrolment, totp
from .models import ROLES, User
from .operations import (
    AccountError,
    add_user,
    enable_totp,
    find_user,
    reset_totp,
    set_active,
    set_password,
)
from .session import TOTP_REQUIRED_ROLES

users_cli = AppGroup("users", help="Manage staff accounts.")

#: Shown as the actor in the audit log for changes made on the command line.
CLI_ACTOR = "cli"


def _print_link(user: User) -> None:
    """Make an enrolment link for ``user`` and print it (it is shown only now)."""
    hours = int(current_app.config["SURVEY_ENROLMENT_HOURS"])
    token = enrolment.issue(db.session, user, hours=hours, actor=CLI_ACTOR)
    db.session.commit()
    base = current_app.config.get("SURVEY_PUBLIC_URL")
    what = "password and second factor" if enrolment.needs_totp(user) else "password"
    click.echo(f"Enrolment link for {user.username} (sets the {what}; once, within {hours} h):")
    click.echo(enrolment.link(base, token))
    if not base:
        click.echo("(put the public address of the app before it, or set SURVEY_PUBLIC_URL)")


def _read_password(alternative: str = "") -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:  # nothing piped in: say so, rather than "too short"
        raise click.ClickException(
            "no password on standard input: pipe one in (one line), or run the command "
            f"in a terminal to be asked for it{alternative}"
        )
    return password


@users_cli.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--site", "sites", multiple=True, help="Site code (repeat); needed for lead/viewer.")
@click.option(
    "--link",
    "with_link",
    is_flag=True,
    help="Read no password: print a single-use enrolment link that sets it (and the TOTP).",
)
@click.option(
    "--totp",
    "with_totp",
    is_flag=True,
    help="Set up the second factor now and print its QR code (to scan, then clear the screen).",
)
def add_command(
    name: str, role: str, sites: tuple[str, ...], with_link: bool, with_totp: bool
) -> None:
    """Add a user; the password is read from standard input, or set through --link."""
    if with_link and with_totp:
        raise click.ClickException("use either --link or --totp")
    try:
        password = None if with_link else _read_password(", or use --link")
        user = add_user(db.session, name, password, role, sites, actor=CLI_ACTOR)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    if with_totp:
        secret = totp.new_secret()
        enable_totp(db.session, user, secret, step=0, actor=CLI_ACTOR)
    db.session.commit()
    click.echo(f"Added {user.role} {user.username}.")
    if with_totp:
        click.echo("Scan this with an authenticator app (or type the key below):")
        click.echo(totp.terminal_qr(secret, user.username))
        click.echo(f"Key: {secret}")
    elif with_link or user.role in TOTP_REQUIRED_ROLES:
        # An admin never chooses the second factor at a sign-in with the password alone.
        _print_link(user)


def _find(name: str) -> User:
    """The user ``name``; a clear CLI error when there is none."""
    try:
        return find_user(db.session, name)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None


@users_cli.command("enrolment-link")
@click.argument("name")
def enrolment_link_command(name: str) -> None:
    """Print a new single-use enrolment link (an earlier one stops working)."""
    user = _find(name)
    _print_link(user)


@users_cli.command("disable")
@click.argument("name")
def disable_command(name: str) -> None:
    """Disable a user: no sign-in, and every open session ends."""
    user = _find(name)
    set_active(db.session, user, False, actor=CLI_ACTOR)
    db.session.commit()
    click.echo(f"Disabled {user.username}.")


@users_cli.command("enable")
@click.argument("name")
def enable_command(name: str) -> None:
    """Enable a disabled user again."""
    user = _find(name)
    set_active(db.session, user, True, actor=CLI_ACTOR)
    db.session.commit()
    click.echo(f"Enabled {user.username}.")


@users_cli.command("reset-password")
@click.argument("name")
def reset_password_command(name: str) -> None:
    """Set a new password (from standard input); ends the user's sessions, lifts a lockout."""
    try:
        user = find_user(db.session, name)
        set_password(db.session, user, _read_password(), actor=CLI_ACTOR)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"New password set for {user.username}; their sessions have ended.")


@users_cli.command("reset-totp")
@click.argument("name")
def reset_totp_command(name: str) -> None:
    """Remove a user's second factor (lost phone); admins get an enrolment link."""
    user = _find(name)
    reset_totp(db.session, user, actor=CLI_ACTOR)
    db.session.commit()
    click.echo(f"Second factor of {user.username} removed.")
    if user.role in TOTP_REQUIRED_ROLES:
        _print_link(user)
