"""Measures: dated changes a site records (e.g. "new appointment system"), drawn as
marks on the trend charts and evaluated by ``flask analysis effects``."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import click
from flask.cli import AppGroup

from survey.database import db
from survey.sites.cli import site_or_fail

from .operations import MeasureError, add_measure, import_measures, measures_of
from .types import TYPES

measures_cli = AppGroup("measures", help="Measures a site took (marks on its trend charts).")

IMPORT_COLUMNS = ("site", "day", "type", "label", "note", "items", "rollout_until", "end_day")


def _date(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.ClickException(f"{name}: not a date (YYYY-MM-DD): {text!r}") from None


@measures_cli.command("add")
@click.argument("site")
@click.argument("day", metavar="DATE")
@click.argument("label")
@click.option("--note", default="", help="A longer note (optional).")
@click.option(
    "--type", "kind", default="other", show_default=True, help="One of: " + ", ".join(TYPES)
)
@click.option("--item", "items", multiple=True, help="Targeted item (repeat); default: the type's.")
@click.option("--rollout-until", help="Last day of the roll-out (YYYY-MM-DD).")
@click.option("--end", "end", help="Day the measure stopped (YYYY-MM-DD).")
def add_command(
    site: str,
    day: str,
    label: str,
    note: str,
    kind: str,
    items: tuple[str, ...],
    rollout_until: str | None,
    end: str | None,
) -> None:
    """Record that SITE took the measure LABEL on DATE (YYYY-MM-DD)."""
    when = _date(day, "DATE")
    assert when is not None  # noqa: S101 - DATE is a required argument
    found = site_or_fail(site)
    try:
        measure = add_measure(
            db.session,
            found,
            when,
            label,
            note,
            type=kind,
            items=items,
            rollout_until=_date(rollout_until, "--rollout-until"),
            end_day=_date(end, "--end"),
        )
    except MeasureError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"Added measure {measure.id} of {found.code} on {when}: {measure.label}")


@measures_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Import measures from a CSV with the header
    site,day,type,label,note,items,rollout_until,end_day (items joined by ';';
    only site, day and label are required). Atomic: one bad row and nothing is added."""
    with file.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("site", "day", "label") if c not in (reader.fieldnames or [])]
        if missing:
            raise click.ClickException(f"the header lacks the column(s) {', '.join(missing)}")
        unknown = [c for c in reader.fieldnames or [] if c not in IMPORT_COLUMNS]
        if unknown:
            raise click.ClickException(f"unknown column(s) {', '.join(unknown)}")
        rows = list(reader)
    try:
        added = import_measures(db.session, rows, actor="command line")
    except MeasureError as exc:
        db.session.rollback()
        raise click.ClickException(f"nothing imported: {exc}") from None
    db.session.commit()
    click.echo(f"Imported {len(added)} measure(s).")


@measures_cli.command("list")
@click.option("--site", "codes", multiple=True, help="Only this site (repeat); default: all.")
def list_command(codes: tuple[str, ...]) -> None:
    """List measures: id, site, date, label, type, items (tab-separated)."""
    from sqlalchemy import select

    from survey.sites.models import Site

    sites = (
        [site_or_fail(c) for c in codes]
        if codes
        else list(db.session.scalars(select(Site).order_by(Site.code)))
    )
    for site in sites:
        for m in measures_of(db.session, site):
            click.echo(f"{m.id}\t{site.code}\t{m.day.isoformat()}\t{m.label}\t{m.type}\t{m.items}")
