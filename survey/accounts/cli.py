from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from survey.database import db

from .models import ROLES
from .operations import AccountError, add_user

users_cli = AppGroup("users", help="Manage staff accounts.")


@users_cli.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--site", "sites", multiple=True, help="Site code (repeat); needed for lead/viewer.")
def add_command(name: str, role: str, sites: tuple[str, ...]) -> None:
    """Add a user; the password is read from standard input."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = add_user(db.session, name, password, role, sites)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"Added {user.role} {user.username}.")
