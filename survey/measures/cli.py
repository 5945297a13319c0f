from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from survey.database import db
from survey.sites.cli import site_or_fail

from .operations import MeasureError, add_measure, measures_of

measures_cli = AppGroup("measures", help="Measures a site took (marks on its trend charts).")


@measures_cli.command("add")
@click.argument("site")
@click.argument("day", metavar="DATE")
@click.argument("label")
@click.option("--note", default="", help="A longer note (optional).")
def add_command(site: str, day: str, label: str, note: str) -> None:
    """Record that SITE took the measure LABEL on DATE (YYYY-MM-DD)."""
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise click.ClickException(f"not a date (YYYY-MM-DD): {day!r}") from None
    found = site_or_fail(site)
    try:
        measure = add_measure(db.session, found, when, label, note)
    except MeasureError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"Added measure {measure.id} of {found.code} on {when}: {measure.label}")


@measures_cli.command("list")
@click.option("--site", "codes", multiple=True, help="Only this site (repeat); default: all.")
def list_command(codes: tuple[str, ...]) -> None:
    """List measures: id, site, date, label (tab-separated)."""
    from sqlalchemy import select

    from survey.sites.models import Site

    sites = (
        [site_or_fail(c) for c in codes]
        if codes
        else list(db.session.scalars(select(Site).order_by(Site.code)))
    )
    for site in sites:
        for m in measures_of(db.session, site):
            click.echo(f"{m.id}\t{site.code}\t{m.day.isoformat()}\t{m.label}")
