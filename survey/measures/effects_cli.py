"""``flask analysis effects``: the effects of measures and the catalogue (JSON or CSV)."""

from __future__ import annotations

import click

from analysis.effects.api import effects
from analysis.effects.catalogue import PooledRow
from analysis.effects.design import TRANSITION, WINDOW
from analysis.effects.estimate import EffectRow, EventRow
from analysis.output import to_csv, to_json
from analysis.source import SourceError
from survey.database import db

from .types import TYPES

TABLES = {"rows": EffectRow, "pooled": PooledRow, "events": EventRow}


@click.command("effects")
@click.option(
    "--site", "sites", multiple=True, help="Measures of this site (repeat); default: all."
)
@click.option("--type", "types", multiple=True, type=click.Choice(list(TYPES)), help="Repeat.")
@click.option(
    "--window",
    default=WINDOW,
    show_default=True,
    type=click.IntRange(1, 24),
    help="Months before and after.",
)
@click.option(
    "--transition",
    default=TRANSITION,
    show_default=True,
    type=click.IntRange(0, 12),
    help="Months after the start left out.",
)
@click.option("--no-adjust", is_flag=True, help="Do not adjust for the channel and topic mix.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True
)
@click.option(
    "--table",
    type=click.Choice(list(TABLES)),
    default="rows",
    show_default=True,
    help="CSV only: site estimates, pooled estimates by type, or event study.",
)
def effects_command(
    sites: tuple[str, ...],
    types: tuple[str, ...],
    window: int,
    transition: int,
    no_adjust: bool,
    fmt: str,
    table: str,
) -> None:
    """Effect of each measure on its targeted items (difference-in-differences against
    comparison sites, an observational estimate) and the pooled effect per type."""
    try:
        result = effects(
            db.engine,
            sites=sites,
            types=types,
            window=window,
            transition=transition,
            adjust=not no_adjust,
        )
    except SourceError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(to_json(result))
        return
    click.echo(to_csv(getattr(result, table), TABLES[table]), nl=False)
    click.echo(f"note: {result.note}", err=True)
