"""``flask --app wsgi retention run``: delete raw comments past each site's period."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from survey.database import db

from .operations import due_comments, run_retention

retention_cli = AppGroup("retention", help="Delete data past its retention period.")


@retention_cli.command("run")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Count the periods back from this day (default: today).",
)
@click.option(
    "--dry-run", is_flag=True, help="Only count what is due; delete nothing, record nothing."
)
def run_command(today: object, dry_run: bool) -> None:
    """Delete raw comments older than each site's comment_retention_days (tallies stay)."""
    day = today.date() if today is not None else date.today()  # type: ignore[attr-defined]
    if dry_run:
        due = due_comments(db.session, day)
        click.echo(
            f"Would delete {sum(due.values())} comment(s) ({_detail(due)}); nothing deleted."
        )
        return
    deleted = run_retention(db.session, day)
    db.session.commit()
    click.echo(f"Deleted {sum(deleted.values())} comment(s) ({_detail(deleted)}).")


def _detail(counts: dict[str, int]) -> str:
    return ", ".join(f"{code}: {n}" for code, n in counts.items()) or "none due"
