"""``flask analysis …``: the figures of :mod:`analysis` as JSON or CSV (GUIDE.md §B)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import click
from flask.cli import AppGroup

from analysis.compare import CompareRow, compare
from analysis.drivers import BOOTSTRAP, MIN_SAMPLE, SAMPLE, Driver, drivers
from analysis.headline import HeadlineRow, headline
from analysis.network import AcrossSites, OptionTest, VersusRow, across_sites, versus_rest
from analysis.output import to_csv, to_json
from analysis.periods import PERIODS
from analysis.source import CHANNELS, SourceError
from analysis.summary import SummaryRow, summarize
from analysis.trend import TrendRow, trend
from survey.database import db

analysis_cli = AppGroup("analysis", help="Figures with intervals, comparisons, indicators.")

DATE = click.DateTime(formats=["%Y-%m-%d"])


class DateRange(click.ParamType):
    """``FROM:TO`` with both dates as YYYY-MM-DD."""

    name = "FROM:TO"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):
            return value
        start, sep, end = str(value).partition(":")
        try:
            if not sep:
                raise ValueError
            first, last = (datetime.strptime(d, "%Y-%m-%d").date() for d in (start, end))
        except ValueError:
            self.fail(f"{value!r} is not FROM:TO with dates as YYYY-MM-DD", param, ctx)
        if first > last:
            self.fail(f"{value!r} ends before it starts", param, ctx)
        return (first, last)


def _common(command: Any) -> Any:
    options = [
        click.option("--questionnaire", default="core@1", show_default=True),
        click.option("--channel", type=click.Choice(CHANNELS), help="Only this channel."),
        click.option("--site", "sites", multiple=True, help="Site code (repeat); default: all."),
        click.option(
            "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True
        ),
    ]
    for option in options:
        command = option(command)
    return command


def _periodic(command: Any) -> Any:
    for option in (
        click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True),
        click.option("--to", "end", type=DATE, help="Last day (YYYY-MM-DD), inclusive."),
        click.option("--from", "start", type=DATE, help="First day (YYYY-MM-DD)."),
    ):
        command = option(command)
    return command


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _run(function: Callable[..., Any], **arguments: Any) -> Any:
    """Call an analysis function on the app's database; its refusals become CLI errors."""
    try:
        return function(db.engine, **arguments)
    except SourceError as exc:
        raise click.ClickException(str(exc)) from None


def _emit(result: Any, fmt: str, rows: list[Any], row_type: type) -> None:
    """The whole result as JSON, or its rows as CSV (one line per JSON row)."""
    click.echo(to_json(result) if fmt == "json" else to_csv(rows, row_type), nl=fmt == "json")


@analysis_cli.command("summary")
@click.option("--topic", type=click.IntRange(0), help="Only this topic (answer to topic; 0: none).")
@click.option("--locale", help="Only answers given in this language (e.g. ar, fa-AF).")
@_periodic
@_common
def summary_command(fmt: str, start: datetime | None, end: datetime | None, **options: Any) -> None:
    """n, mean and top-2 share with intervals per site × period × item, plus the network."""
    result = _run(summarize, start=_day(start), end=_day(end), **options)
    _emit(result, fmt, result.rows, SummaryRow)


@analysis_cli.command("headline")
@_periodic
@_common
def headline_command(
    fmt: str, start: datetime | None, end: datetime | None, **options: Any
) -> None:
    """CSAT, first-visit resolution and referral gap per site × period, plus the network."""
    result = _run(headline, start=_day(start), end=_day(end), **options)
    _emit(result, fmt, result.rows, HeadlineRow)


@analysis_cli.command("compare")
@click.option("--a", "a", type=DateRange(), required=True, help="Period A as FROM:TO.")
@click.option("--b", "b", type=DateRange(), required=True, help="Period B as FROM:TO.")
@_common
def compare_command(fmt: str, **options: Any) -> None:
    """Period B minus period A per site and for the network, with Holm-adjusted p."""
    result = _run(compare, **options)
    _emit(result, fmt, result.rows, CompareRow)
    if fmt == "csv":
        for warning in result.warnings:
            click.echo(f"warning: {warning.site}: {warning.message} ({warning.shift})", err=True)


@analysis_cli.command("trend")
@click.option("--item", default="overall", show_default=True, help="A 1–5 item.")
@click.option("--to", "end", type=DATE, help="Last day (YYYY-MM-DD), inclusive.")
@click.option("--from", "start", type=DATE, help="First day (YYYY-MM-DD).")
@_common
def trend_command(fmt: str, start: datetime | None, end: datetime | None, **options: Any) -> None:
    """Monthly p-chart of the top-2 share, with months outside the limits flagged."""
    result = _run(trend, start=_day(start), end=_day(end), **options)
    _emit(result, fmt, result.rows, TrendRow)


@analysis_cli.command("drivers")
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--bootstrap", default=BOOTSTRAP, show_default=True, type=click.IntRange(0, 10_000))
@click.option("--sample", default=SAMPLE, show_default=True, type=click.IntRange(MIN_SAMPLE))
@click.option("--to", "end", type=DATE, help="Last day (YYYY-MM-DD), inclusive.")
@click.option("--from", "start", type=DATE, help="First day (YYYY-MM-DD).")
@_common
def drivers_command(fmt: str, start: datetime | None, end: datetime | None, **options: Any) -> None:
    """Key drivers of overall satisfaction (Johnson's relative weights, bootstrap intervals)."""
    result = _run(drivers, start=_day(start), end=_day(end), **options)
    _emit(result, fmt, result.drivers, Driver)
    if fmt == "csv":
        click.echo(
            f"sample {result.sample} of {result.population} complete responses, "
            f"{result.bootstrap} bootstrap draws, seed {result.seed}, R² {result.r2:.4f}",
            err=True,
        )


@analysis_cli.command("versus")
@click.option("--period", type=DateRange(), required=True, help="FROM:TO.")
@_common
def versus_command(fmt: str, **options: Any) -> None:
    """Each site against the rest of the network (p, Holm p_adj, Benjamini–Hochberg p_bh)."""
    result = _run(versus_rest, **options)
    _emit(result, fmt, result.rows, VersusRow)


@analysis_cli.command("sites")
@click.option("--item", required=True, help="Item code, e.g. referral.")
@click.option("--period", type=DateRange(), required=True, help="FROM:TO.")
@_common
def sites_command(fmt: str, **options: Any) -> None:
    """Do the sites differ on an item? Pearson χ² (Fisher's exact test for a sparse 2×2).

    For the multiple-choice improve: one test per option, Holm across options (CSV: one
    line per option)."""
    result = _run(across_sites, **options)
    if result.options is not None:
        _emit(result, fmt, result.options, OptionTest)
    else:
        _emit(result, fmt, [result], AcrossSites)
