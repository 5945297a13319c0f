"""``flask invitations generate`` and ``flask poster``: the site's printed material."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from survey.database import db
from survey.sites.cli import site_or_fail

from . import invitations
from .poster import form_url, render_pdf

invitations_cli = AppGroup("invitations", help="Single-use invitation codes for the form.")


@invitations_cli.command("generate")
@click.argument("site")
@click.option("--count", default=100, show_default=True, help="How many codes.")
def generate_command(site: str, count: int) -> None:
    """Print COUNT new codes for SITE, one a line (only their hashes are kept)."""
    found = site_or_fail(site)
    try:
        with db.engine.begin() as conn:
            codes = invitations.generate(conn, found.id, count)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    for code in codes:
        click.echo(code)


@click.command("poster")
@with_appcontext
@click.argument("site")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--base-url",
    default=None,
    help="Public address, e.g. https://feedback.example.de; default SURVEY_PUBLIC_URL.",
)
def poster_command(site: str, out: Path, base_url: str | None) -> None:
    """Write the A4 QR poster of SITE as a PDF."""
    found = site_or_fail(site)
    base = base_url or current_app.config.get("SURVEY_PUBLIC_URL")
    if not base:
        raise click.ClickException("give --base-url or set SURVEY_PUBLIC_URL")
    out.write_bytes(render_pdf(found, form_url(base, found.code)))
    click.echo(f"wrote {out}")
