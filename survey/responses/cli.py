"""``flask responses import|export``: a thin layer over the importer and the exporter."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click
from flask.cli import AppGroup

from survey.audit.operations import record
from survey.database import db

from .anonymise import Recoding
from .exporter import DETAILS, FORMATS, ExportFailed, Selection, export
from .importer import ImportFailed, import_csv

responses_cli = AppGroup("responses", help="Import and export responses.")


@responses_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-invalid", is_flag=True, help="Import the good rows and report the bad ones.")
def import_command(file: Path, skip_invalid: bool) -> None:
    """Import responses from FILE (CSV, the schema of GUIDE.md §B). Atomic by default."""
    with click.progressbar(length=file.stat().st_size, label="Importing", file=sys.stderr) as bar:
        try:
            result = import_csv(db.engine, file, skip_invalid=skip_invalid, progress=bar.update)
        except ImportFailed as exc:
            raise click.ClickException(f"{file}: {exc}. Nothing was imported.") from None
    for error in result.errors:
        click.echo(f"{file}: {error}", err=True)
    if result.unlisted:
        click.echo(f"{file}: … and {result.unlisted} more bad rows", err=True)
    if not result.committed:
        raise click.ClickException(
            f"{result.bad} of {result.rows} rows are bad; nothing was imported. "
            "Correct them, or use --skip-invalid to import the good rows only."
        )
    click.echo(
        f"Imported {result.imported} responses; skipped {result.duplicates} already stored"
        + (f" and {result.bad} bad rows." if result.bad else ".")
    )


PURPOSE_LENGTH = 200


#: what the audit log records for a day-level export from the command line without --purpose
NO_PURPOSE = "none given (command line)"


@responses_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--site", "sites", multiple=True, help="Site code (repeat); default: all sites.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day, YYYY-MM-DD.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day, YYYY-MM-DD.")
@click.option(
    "--detail",
    type=click.Choice(DETAILS),
    default="day",
    show_default=True,
    help="day: the import schema with dates (say why with --purpose); month: the staff file "
    "(no day, k-anonymous).",
)
@click.option("--purpose", default="", help="Why day-level data is needed (audit-logged).")
def export_command(
    fmt: str, out: Path, sites: tuple[str, ...], start: object, end: object, detail: str,
    purpose: str,
) -> None:  # fmt: skip
    """Export responses as CSV (with a codebook beside it), XLSX or SPSS .sav."""
    purpose = " ".join(purpose.split())
    if len(purpose) > PURPOSE_LENGTH:
        raise click.UsageError(f"--purpose is longer than {PURPOSE_LENGTH} characters")
    selection = Selection(sites=sites, start=_day(start), end=_day(end), detail=detail)
    recoding = Recoding()
    try:
        count = export(db.engine, fmt, out, selection, recoding)
    except ExportFailed as exc:
        raise click.ClickException(f"{exc}. Nothing was written.") from None
    details = {"format": fmt, "detail": detail, "rows": count, "sites": list(selection.sites)}
    details |= {"start": _text(selection.start), "end": _text(selection.end)}
    if detail == "day":
        # GUIDE.md's bare command keeps working for scripts; the audit log says it had no purpose
        details["purpose"] = purpose or NO_PURPOSE
    else:
        details |= {"left_out": recoding.left_out, "k": recoding.k}
    record(db.session, "export.write", target=f"sites:{','.join(sites) or 'all'}", **details)
    db.session.commit()
    click.echo(f"Exported {count} responses to {out}.")
    if detail == "day" and not purpose:
        click.echo(
            "Note: a day-level export without --purpose TEXT; the audit log records it as "
            f"'{NO_PURPOSE}'. --detail month writes the staff file without days.",
            err=True,
        )
    if detail == "month" and recoding.left_out:
        click.echo(
            f"{recoding.left_out} of {recoding.selected} responses left out (combinations of "
            f"fewer than {recoding.k}); see the codebook.",
            err=True,
        )


def _text(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None
