"""``flask --app wsgi retention run``: delete raw comments past each site's period."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from survey.database import db

from .operations import run_retention

retention_cli = AppGroup("retention", help="Delete data past its retention period.")


@retention_cli.command("run")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Count the periods back from this day (default: today).",
)
def run_command(today: object) -> None:
    """Delete raw comments older than each site's comment_retention_days (tallies stay)."""
    day = today.date() if today is not None else date.today()  # type: ignore[attr-defined]
    deleted = run_retention(db.session, day)
    db.session.commit()
    total = sum(deleted.values())
    detail = ", ".join(f"{code}: {n}" for code, n in deleted.items()) or "none due"
    click.echo(f"Deleted {total} comment(s) ({detail}).")
