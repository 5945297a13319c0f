from __future__ import annotations

import click
from flask.cli import AppGroup

from survey.database import db

from .models import Site
from .operations import SiteError, add_site, get_site

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
