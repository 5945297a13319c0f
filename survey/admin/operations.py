"""What the administration pages do; each change is written to the audit log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import Session

from survey.access import Scope
from survey.audit.operations import record
from survey.database.types import utcnow
from survey.i18n.locales import CODES as LOCALE_CODES
from survey.kiosk.models import KioskDevice
from survey.kiosk.operations import DeviceStatus, list_devices
from survey.kiosk.pairing import IssuedCode, create_code
from survey.responses.models import Comment, Response
from survey.sites.legal import LEGAL_SETTINGS, cleaned
from survey.sites.models import Site
from survey.sites.operations import add_site

#: Site settings an office lead may change; admins may also switch a site off.
SETTINGS = (
    "name",
    "locales",
    "default_locale",
    "kiosk_idle_seconds",
    "kiosk_min_interval_seconds",
    "comment_retention_days",
    "invitation_required",
    "audio_drafts",
    *LEGAL_SETTINGS,
)
ADMIN_SETTINGS = (*SETTINGS, "enabled")

#: Comments are shown only for months with at least this many responses (docs/methodology.md §4).
MIN_COMMENT_CELL = 10


class SettingsError(ValueError):
    pass


def create_site(session: Session, code: str, name: str, *, actor: Any) -> Site:
    site = add_site(session, code, name)
    record(session, "site.add", actor=actor, target=f"site:{site.code}", name=site.name)
    return site


def update_site(
    session: Session, site: Site, values: Mapping[str, Any], *, actor: Any, allowed: Sequence[str]
) -> dict[str, Any]:
    """Apply the ``allowed`` settings among ``values``; return what changed."""
    values = cleaned(values)
    locales = list(values.get("locales", site.locales))
    default = values.get("default_locale", site.default_locale)
    if unknown := [code for code in [*locales, default] if code not in LOCALE_CODES]:
        raise SettingsError(f"unknown locale(s): {', '.join(unknown)}")
    if locales and default not in locales:
        raise SettingsError("the default locale must be one of the enabled locales")
    changed: dict[str, Any] = {}
    for key in allowed:
        if key in values and values[key] != getattr(site, key):
            changed[key] = values[key]
            setattr(site, key, values[key])
    if changed:
        session.flush()
        record(session, "site.settings", actor=actor, target=f"site:{site.code}", **changed)
    return changed


def rename_device(session: Session, device: KioskDevice, label: str, *, actor: Any) -> None:
    label = label.strip()[:100]
    if label == device.label:
        return
    record(
        session,
        "device.rename",
        actor=actor,
        target=f"device:{device.id}",
        site_id=device.site_id,
        label=label,
        previous=device.label,
    )
    device.label = label


def revoke_device(session: Session, device: KioskDevice, *, actor: Any) -> bool:
    """Revoke a paired tablet; it can no longer send answers. False if it already was."""
    if device.revoked_at is not None:
        return False
    device.revoked_at = utcnow()
    record(
        session, "device.revoke", actor=actor, target=f"device:{device.id}", site_id=device.site_id
    )
    return True


def issue_pairing_code(session: Session, site: Site, label: str, *, actor: Any) -> IssuedCode:
    """A one-time code that pairs one tablet with ``site``; the code itself is not logged."""
    issued = create_code(session, site, utcnow(), label)
    record(
        session,
        "device.pairing_code",
        actor=actor,
        target=f"site:{site.code}",
        label=issued.label,
        expires_at=issued.expires_at.isoformat(timespec="minutes"),
    )
    return issued


def devices(session: Session, scope: Scope) -> list[DeviceStatus]:
    """The tablets of the sites ``scope`` allows, with their health and flagged counts."""
    if scope.nothing:
        return []
    site_ids = None if scope.everything else sorted(scope.site_ids or ())
    return list_devices(session, site_ids, utcnow())


@dataclass(frozen=True)
class CommentMonth:
    month: date
    responses: int
    comments: list[str]


def comments_by_month(session: Session, scope: Scope, site: Site) -> list[CommentMonth]:
    """Raw comments of ``site`` by month, only months with enough responses; no times."""
    counts = session.execute(
        scope.select(Response, Response.day, func.count())
        .where(Response.site_id == site.id, Response.flagged.is_(False))
        .group_by(Response.day)
    ).all()
    per_month: dict[date, int] = {}
    for day, n in counts:
        key = day.replace(day=1)
        per_month[key] = per_month.get(key, 0) + n
    texts: dict[date, list[str]] = {}
    rows = session.execute(
        scope.select(Comment, Response.day, Comment.text)
        .where(Response.site_id == site.id, Response.flagged.is_(False))
        .order_by(Response.day.desc())
    ).all()
    for day, text in rows:
        texts.setdefault(day.replace(day=1), []).append(text)
    return [
        CommentMonth(key, per_month[key], texts.get(key, []))
        for key in sorted(per_month, reverse=True)
        if per_month[key] >= MIN_COMMENT_CELL and texts.get(key)
    ]


def visible_sites(session: Session, scope: Scope) -> Sequence[Site]:
    return session.scalars(scope.sites()).all()


def responses_count(session: Session, scope: Scope, site: Site) -> int:
    stmt = scope.select(Response, func.count()).where(Response.site_id == site.id)
    return int(session.scalar(stmt) or 0)
