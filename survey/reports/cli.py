"""``flask report site|network``: the PDFs from the command line (GUIDE.md §B)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from flask.cli import AppGroup

from analysis.source import SourceError
from survey.results.cli import DATE

from . import operations

report_cli = AppGroup("report", help="PDF reports: a site report, the network publication.")

LANG = click.Choice(operations.LANGUAGES)


def _progress(stage: str) -> None:
    click.echo(f"… {stage}", err=True)


@report_cli.command("site")
@click.argument("code")
@click.option("--from", "start", type=DATE, required=True)
@click.option("--to", "end", type=DATE, required=True)
@click.option("--lang", type=LANG, default="de", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def site_command(code: str, start: datetime, end: datetime, lang: str, out: Path) -> None:
    """The report for one site and period."""
    try:
        pdf = operations.site_pdf(code, start.date(), end.date(), lang, progress=_progress)
    except (operations.ReportError, SourceError) as exc:
        raise click.ClickException(str(exc)) from None
    out.write_bytes(pdf)
    click.echo(f"{out}: {len(pdf)} bytes", err=True)
