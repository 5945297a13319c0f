from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext

from survey.accounts import enrolment
from survey.accounts.operations import find_user
from survey.database import db

from .operations import DemoRefused, has_data, load


@click.command("demo")
@click.option("--responses", default=50_000, show_default=True, type=click.IntRange(0, 5_000_000))
@click.option("--seed", default=2016, show_default=True, type=int)
@click.option("--force", is_flag=True, help="Replace all sites, users and responses.")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when data exists.")
@with_appcontext
def demo_command(responses: int, seed: int, force: bool, if_empty: bool) -> None:
    """Load demo sites, users and synthetic responses.

    The demo's story (Oct 2013 – Jun 2017) is moved so that its last answer is today.
    """
    from survey.database.migrations import SchemaOutdated, require_current  # Alembic: here only

    try:
        require_current(db.engine)
    except SchemaOutdated as exc:
        raise click.ClickException(str(exc)) from None
    if has_data(db.session) and not force:
        if if_empty:
            click.echo("The database already has data: demo not loaded.")
            return
        raise click.ClickException(
            "the database already holds sites, users or responses; "
            "use --force to replace ALL of them with demo data"
        )
    with click.progressbar(length=responses, label="Generating responses", file=None) as bar:
        try:
            result = load(db.session, responses, seed, force, progress=bar.update, end=date.today())
        except DemoRefused as exc:
            db.session.rollback()
            raise click.ClickException(str(exc)) from None
        db.session.commit()
    click.echo(f"Loaded {result.sites} sites and {result.responses} responses (seed {seed}).")
    click.echo("Demo users (shown once; change or delete them before real use):")
    for username, (role, password) in result.users.items():
        click.echo(f"  {username:<10} {role:<9} {password}")
    _print_enrolment_links(list(result.users))


def _print_enrolment_links(usernames: list[str]) -> None:
    """Admins need a second factor before they can sign in: set up through a link."""
    hours = int(current_app.config["SURVEY_ENROLMENT_HOURS"])
    base = current_app.config.get("SURVEY_PUBLIC_URL")
    for username in usernames:
        user = find_user(db.session, username)
        if enrolment.needs_totp(user):
            token = enrolment.issue(db.session, user, hours=hours, actor="cli")
            db.session.commit()
            click.echo(
                f"{username}: set the password and second factor at {enrolment.link(base, token)}"
            )
