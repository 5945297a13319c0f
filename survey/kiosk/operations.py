"""What a paired device does (authenticate, deliver responses, report health),
and what staff do with devices (list, rename, revoke).

The web views, the CLI and the admin pages all call these.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.orm import Session

from survey.responses.models import Response
from survey.responses.submission import Outcome, RawResponse, submit
from survey.sites.models import Site

from . import coarse
from .bundle import offered
from .models import KioskDevice
from .pairing import LABEL_LENGTH, digest

#: A device not heard from for longer than this is shown as silent.
SILENT_AFTER = timedelta(days=1)
#: How far the tablet's clock may run ahead before its time is not believed.
CLOCK_SKEW = timedelta(minutes=5)
#: Answers older than this are dated by the server instead (a tablet whose clock is wrong).
OLDEST_ANSWER = timedelta(days=30)
VERSION_LENGTH = 32
MAX_QUEUE_LENGTH = 1_000_000


class NotPaired(LookupError):
    """No device has this token."""


class Revoked(PermissionError):
    """The device was revoked: its submissions are refused."""


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def authenticate(session: Session, token: str | None) -> KioskDevice:
    """The device owning ``token``; :class:`NotPaired` or :class:`Revoked` otherwise."""
    if not token:
        raise NotPaired
    device = session.scalar(select(KioskDevice).filter_by(token_hash=digest(token)))
    if device is None:
        raise NotPaired
    if device.revoked_at is not None:
        raise Revoked
    return device


def answered_at(sent: Any, now: datetime, paired_at: datetime | None = None) -> datetime:
    """When the answers were given: the tablet's ISO time if plausible, else ``now``.

    A response queued offline keeps the day and hour it was given; a tablet
    whose clock is far off, or that claims a time before it was paired, is
    not believed.
    """
    if not isinstance(sent, str):
        return now
    try:
        moment = datetime.fromisoformat(sent.replace("Z", "+00:00"))
    except ValueError:
        return now
    if moment.tzinfo is None:
        return now
    if not now - OLDEST_ANSWER <= moment <= now + CLOCK_SKEW:
        return now
    if paired_at is not None and moment < as_utc(paired_at) - CLOCK_SKEW:
        return now
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Delivery:
    outcome: Outcome
    flagged: bool = False


def deliver(
    conn: Connection,
    device_id: int,
    raw: RawResponse,
    *,
    sent_at: Any,
    now: datetime,
    timezone: ZoneInfo,
) -> Delivery:
    """Store a response from a device exactly once; run inside a transaction.

    The device row is updated first (``last_seen_at``): that locks it on
    PostgreSQL and takes SQLite's write lock, so two responses of one device
    are judged against the minimum interval one after the other. A response
    dated sooner than the site's minimum interval after the device's latest
    one (or before it) is stored but flagged. A duplicate changes nothing.
    """
    return _deliver(
        conn, "id", {"by_id": device_id}, raw, sent_at=sent_at, now=now, timezone=timezone
    )


def deliver_with_token(
    conn: Connection,
    token: str | None,
    raw: RawResponse,
    *,
    sent_at: Any,
    now: datetime,
    timezone: ZoneInfo,
) -> Delivery:
    """:func:`deliver` for the device owning ``token``: authentication is the first
    statement of the transaction (:class:`NotPaired` when no device has it), so a
    submission needs one connection and no separate lookup."""
    if not token:
        raise NotPaired
    by = {"by_token_hash": digest(token)}
    return _deliver(conn, "token", by, raw, sent_at=sent_at, now=now, timezone=timezone)


@functools.cache
def _statements(dialect_name: str, by: str) -> tuple[Any, Any, Any]:
    """The device's ``UPDATE … RETURNING`` (found by id or token hash), the site's
    settings query and the device's ``last_response_at`` update, built once
    (building them cost more than running them)."""
    devices, sites = KioskDevice.__table__, Site.__table__
    settings = (
        sites.c.locales,
        sites.c.default_locale,
        sites.c.kiosk_min_interval_seconds,
        sites.c.scale_presentation,
    )
    where = (
        devices.c.id == bindparam("by_id")
        if by == "id"
        else devices.c.token_hash == bindparam("by_token_hash")
    )
    touch = (
        update(devices)
        .where(where)
        .values(last_seen_at=bindparam("seen_at", type_=devices.c.last_seen_at.type))
        .returning(
            devices.c.id,
            devices.c.revoked_at,
            devices.c.last_response_at,
            devices.c.site_id,
            devices.c.created_at,
        )
    )
    if dialect_name == "postgresql":  # the site's settings come along (UPDATE … FROM)
        touch = touch.where(sites.c.id == devices.c.site_id).returning(*settings)
    answered = (
        update(devices)
        .where(devices.c.id == bindparam("device_id"))
        .values(last_response_at=bindparam("moment", type_=devices.c.last_response_at.type))
    )
    return touch, select(*settings).where(sites.c.id == bindparam("site_id")), answered


def _deliver(
    conn: Connection,
    by: str,
    key: dict[str, Any],
    raw: RawResponse,
    *,
    sent_at: Any,
    now: datetime,
    timezone: ZoneInfo,
) -> Delivery:
    touch, settings, answered = _statements(conn.dialect.name, by)
    row = conn.execute(touch, {**key, "seen_at": coarse.hour(now)}).first()
    if row is None:
        raise NotPaired
    device_id = row.id
    if row.revoked_at is not None:
        raise Revoked
    if conn.dialect.name == "postgresql":
        site = row
    else:  # SQLite's RETURNING cannot name another table; a query in-process is cheap
        site = conn.execute(settings, {"site_id": row.site_id}).one()
    moment = answered_at(sent_at, now, row.created_at)
    previous = as_utc(row.last_response_at) if row.last_response_at else None
    interval = timedelta(seconds=site.kiosk_min_interval_seconds)
    # Unflagged answers must move forward by the interval: their times lie
    # between the pairing and the server's clock, so however the tablet dates
    # them, at most one per interval of real time since the pairing is counted.
    flagged = previous is not None and moment < previous + interval
    outcome = submit(
        conn,
        row.site_id,
        raw,
        channel="kiosk",
        now=moment,
        timezone=timezone,
        locales={info.code for info in offered(site)},
        device_id=device_id,
        flagged=flagged,
        presentation=site.scale_presentation,
    )
    if outcome.status == "stored" and (previous is None or moment > previous):
        conn.execute(answered, {"device_id": device_id, "moment": moment})
    return Delivery(outcome, flagged=flagged and outcome.status == "stored")


def heartbeat(
    session: Session, device: KioskDevice, report: Mapping[str, Any], now: datetime
) -> None:
    """Record that the device is alive (to the hour), with its app version and queue length.

    With nothing left in the tablet's queue and the minimum interval long over, the
    time of its latest answer is cut to the day (:mod:`.coarse`).
    """
    version = report.get("app_version")
    queue = report.get("queue_length")
    device.last_seen_at = coarse.hour(now)
    if isinstance(version, str):
        device.app_version = version[:VERSION_LENGTH]
    if isinstance(queue, int) and not isinstance(queue, bool):
        device.queue_length = max(0, min(queue, MAX_QUEUE_LENGTH))
        if queue == 0 and coarse.settled(device.last_response_at, now):
            device.last_response_at = coarse.day(device.last_response_at)  # type: ignore[arg-type]


def coarsen_all(session: Session, now: datetime) -> int:
    """Cut every device's times as :mod:`.coarse` says (the daily retention run);
    a latest answer less than a day old keeps its time (its tablet may still be
    sending its queue). Returns how many devices changed."""
    changed = 0
    for device in session.scalars(select(KioskDevice)):
        seen, last = device.last_seen_at, device.last_response_at
        if seen is not None and as_utc(seen) != coarse.hour(seen):
            device.last_seen_at = coarse.hour(seen)
            changed += 1
        old = last is not None and as_utc(now) - as_utc(last) >= timedelta(days=1)
        if last is not None and old and as_utc(last) != coarse.day(last):
            device.last_response_at = coarse.day(last)
            changed += seen is None or as_utc(seen) == coarse.hour(seen)
    return changed


@dataclass(frozen=True)
class DeviceStatus:
    """One line of the devices page."""

    id: int
    site_code: str
    label: str
    created_at: datetime
    last_seen_at: datetime | None
    app_version: str
    queue_length: int
    revoked: bool
    #: responses stored but flagged (faster than the minimum interval)
    flagged: int
    silent: bool


def list_devices(session: Session, site_ids: list[int] | None, now: datetime) -> list[DeviceStatus]:
    """The devices of some sites (or all), with health and flagged counts."""
    flagged = (
        select(Response.device_id, func.count().label("n"))
        .where(Response.flagged, Response.device_id.is_not(None))
        .group_by(Response.device_id)
        .subquery()
    )
    query = (
        select(KioskDevice, Site.code, func.coalesce(flagged.c.n, 0))
        .join(Site, Site.id == KioskDevice.site_id)
        .outerjoin(flagged, flagged.c.device_id == KioskDevice.id)
        .order_by(Site.code, KioskDevice.label, KioskDevice.id)
    )
    if site_ids is not None:
        query = query.where(KioskDevice.site_id.in_(site_ids))
    out = []
    for device, site_code, n_flagged in session.execute(query).all():
        seen = as_utc(device.last_seen_at) if device.last_seen_at else None
        out.append(
            DeviceStatus(
                id=device.id,
                site_code=site_code,
                label=device.label,
                created_at=as_utc(device.created_at),
                last_seen_at=seen,
                app_version=device.app_version,
                queue_length=device.queue_length,
                revoked=device.revoked_at is not None,
                flagged=n_flagged,
                silent=device.revoked_at is None and (seen is None or now - seen > SILENT_AFTER),
            )
        )
    return out


def rename(session: Session, device_id: int, label: str) -> KioskDevice:
    device = session.get(KioskDevice, device_id)
    if device is None:
        raise NotPaired
    device.label = label.strip()[:LABEL_LENGTH]
    return device


def revoke(session: Session, device_id: int, now: datetime) -> KioskDevice:
    """Refuse the device's submissions from now on (idempotent); the caller commits."""
    device = session.get(KioskDevice, device_id)
    if device is None:
        raise NotPaired
    if device.revoked_at is None:
        device.revoked_at = now
    return device
