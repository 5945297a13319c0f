from __future__ import annotations

import click
from flask.cli import AppGroup

from survey.database import db
from survey.responses import presentation

from .models import Site
from .operations import SiteError, add_site, get_site
from .presentation import set_presentation

sites_cli = AppGroup("sites", help="Manage sites (offices).")


def site_or_fail(code: str) -> Site:
    """The site a command's SITE argument names, or a ClickException that names the code."""
    site = get_site(db.session, code)
    if site is None:
        raise click.ClickException(f"no site {code.strip().upper()} (unknown site code)")
    return site


@sites_cli.command("add")
@click.argument("code")
@click.argument("name")
@click.option("--locale", "locales", multiple=True, help="Offered locale (repeat); default: all.")
@click.option("--default-locale", default="de", show_default=True)
def add_command(code: str, name: str, locales: tuple[str, ...], default_locale: str) -> None:
    """Add a site with short CODE (printed in QR codes) and NAME."""
    try:
        site = add_site(
            db.session, code, name, locales=list(locales), default_locale=default_locale
        )
    except SiteError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"Added site {site.code} ({site.name}).")


@sites_cli.command("presentation")
@click.argument("code")
@click.argument("version", required=False)
def presentation_command(code: str, version: str | None) -> None:
    """Show, or set (faces|words), how site CODE shows the 1–5 scale."""
    site = site_or_fail(code)
    if version is None:
        click.echo(f"{site.code}: {presentation.name_of(site.scale_presentation)}")
        return
    try:
        chosen = presentation.parse_choice(version)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    changed = set_presentation(db.session, site, chosen, actor="cli")
    db.session.commit()
    name = presentation.name_of(chosen)
    click.echo(f"{site.code}: {name}" + ("" if changed else " (unchanged)"))
