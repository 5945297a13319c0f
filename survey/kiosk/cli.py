from __future__ import annotations

import click
from flask.cli import AppGroup

from survey.database import db
from survey.database.types import utcnow
from survey.sites.cli import site_or_fail

from . import operations
from .pairing import create_code

kiosk_cli = AppGroup("kiosk", help="Pair and manage kiosk tablets.")


@kiosk_cli.command("pair-code")
@click.argument("site")
@click.option("--label", default="", help="Name of the device, e.g. its counter.")
def pair_code_command(site: str, label: str) -> None:
    """Print a one-time code that pairs a tablet with SITE (valid 24 hours)."""
    found = site_or_fail(site)
    issued = create_code(db.session, found, utcnow(), label)
    db.session.commit()
    click.echo(issued.display)
    click.echo(
        f"Open /kiosk/pair on the tablet and type this code. It pairs one tablet with "
        f"{issued.site_code} and expires {issued.expires_at:%Y-%m-%d %H:%M} UTC.",
        err=True,
    )


@kiosk_cli.command("devices")
@click.option("--site", "sites", multiple=True, help="Site code (repeat); default: all.")
def devices_command(sites: tuple[str, ...]) -> None:
    """List devices with their health."""
    site_ids = [site_or_fail(code).id for code in sites] if sites else None
    found = operations.list_devices(db.session, site_ids, utcnow())
    if not found:
        where = f" at {', '.join(sites)}" if sites else ""
        click.echo(f"No kiosk devices{where}. Pair one with: kiosk pair-code CODE", err=True)
    for d in found:
        # stored to the hour (survey/kiosk/coarse.py)
        seen = f"{d.last_seen_at:%Y-%m-%d %H}:00-:59 UTC" if d.last_seen_at else "never"
        state = "revoked" if d.revoked else ("SILENT" if d.silent else "ok")
        click.echo(
            f"{d.id}\t{d.site_code}\t{d.label or '-'}\t{state}\tseen {seen}\t"
            f"v{d.app_version or '?'}\tqueue {d.queue_length}\tflagged {d.flagged}"
        )


@kiosk_cli.command("rename")
@click.argument("device_id", type=int)
@click.argument("label")
def rename_command(device_id: int, label: str) -> None:
    """Give device DEVICE_ID a new LABEL."""
    try:
        operations.rename(db.session, device_id, label)
    except operations.NotPaired:
        raise click.ClickException(f"no device {device_id}") from None
    db.session.commit()
    click.echo(f"Device {device_id} renamed to {label!r}.")


@kiosk_cli.command("revoke")
@click.argument("device_id", type=int)
def revoke_command(device_id: int) -> None:
    """Unpair device DEVICE_ID: it shows "no longer paired" and its answers are refused."""
    try:
        operations.revoke(db.session, device_id, utcnow())
    except operations.NotPaired:
        raise click.ClickException(f"no device {device_id}") from None
    db.session.commit()
    click.echo(f"Device {device_id} revoked.")
