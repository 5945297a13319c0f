"""``flask report site|network``: the PDFs from the command line (GUIDE.md §B)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from analysis.reports import documents
from analysis.source import SourceError
from survey.results.cli import DATE, DateRange

from . import jobs, operations, queue

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
@click.option("--comments/--no-comments", default=True, help="Include an excerpt of comments.")
def site_command(
    code: str, start: datetime, end: datetime, lang: str, out: Path, comments: bool
) -> None:
    """The report for one site and period."""
    try:
        pdf = operations.site_pdf(
            code, start.date(), end.date(), lang, progress=_progress, comments=comments
        )
    except (operations.ReportError, SourceError) as exc:
        raise click.ClickException(str(exc)) from None
    out.write_bytes(pdf)
    click.echo(f"{out}: {len(pdf)} bytes", err=True)


@report_cli.command("network")
@click.option("--from", "start", type=DATE, required=True)
@click.option("--to", "end", type=DATE, required=True)
@click.option("--a", "a", type=DateRange(), help="Baseline wave FROM:TO (default: first 6 months).")
@click.option("--b", "b", type=DateRange(), help="Follow-up wave FROM:TO (default: last 6 months).")
@click.option("--lang", type=LANG, default="de", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def network_command(
    start: datetime,
    end: datetime,
    a: tuple | None,
    b: tuple | None,
    lang: str,
    out: Path,
) -> None:
    """The cross-site publication with one profile page per site."""
    if (a is None) != (b is None):
        raise click.UsageError("give both --a and --b, or neither")
    timing = documents.Timing()
    try:
        pdf = operations.network_pdf(
            start.date(), end.date(), lang, a=a, b=b, progress=_progress, timing=timing
        )
    except (operations.ReportError, SourceError) as exc:
        raise click.ClickException(str(exc)) from None
    out.write_bytes(pdf)
    spent = ", ".join(f"{k} {v:.1f} s" for k, v in timing.stages.items())
    click.echo(f"{out}: {len(pdf)} bytes ({spent})", err=True)


@report_cli.command("clean")
@click.option(
    "--hours",
    type=click.FloatRange(min=0),
    help="Remove jobs older than this (default: SURVEY_REPORT_KEEP_HOURS).",
)
def clean_command(hours: float | None) -> None:
    """Remove the files of finished report and export jobs (never of running ones)."""
    keep = jobs.keep_hours() if hours is None else hours
    removed = jobs.clean(jobs.folder(), keep)
    click.echo(f"Removed {len(removed)} jobs older than {keep:g} hours from {jobs.folder()}.")


@report_cli.command("worker")
def worker_command() -> None:
    """Run the queued report and export jobs (the Huey consumer; Ctrl-C stops it).

    It runs ``SURVEY_JOBS_WORKERS`` jobs at once, each at most
    ``SURVEY_JOBS_TIME_LIMIT`` seconds, and removes old jobs every quarter hour.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config["SURVEY_JOBS_CONSUMER"] == "immediate":
        raise click.UsageError("SURVEY_JOBS_CONSUMER=immediate runs jobs in the request")
    limits = queue.of(app).limits
    click.echo(f"Running jobs: {limits.workers} at once, at most {limits.time_limit:g} s each.")
    queue.consumer(app, thread=False).run()
