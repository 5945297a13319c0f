"""How exactly a device's times are kept (docs/kiosk.md, "What is stored").

A response keeps only its day and an hour band; the device row must not keep
more, or the time of a device's latest answer would date that one response:

- ``last_seen_at`` (the devices page: when the tablet was last heard from, and
  "silent for over a day") is stored to the hour (:func:`hour`);
- ``last_response_at`` is needed for the minimum interval between two answers
  on one tablet (at most :data:`MAX_INTERVAL`), so it is exact only while that
  can matter: once the interval is over and the tablet's queue is empty, the
  next heartbeat (and the daily ``retention run``) keeps only its day
  (:func:`day`). A later answer is then more than the interval after the
  real time and can never be flagged by the coarse value.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

#: the longest minimum interval a site can set (sites.kiosk_min_interval_seconds)
MAX_INTERVAL = timedelta(seconds=3600)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def hour(moment: datetime) -> datetime:
    """The start of the hour of ``moment`` (UTC)."""
    return _utc(moment).replace(minute=0, second=0, microsecond=0)


def day(moment: datetime) -> datetime:
    """Midnight (UTC) of the day of ``moment``."""
    return _utc(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def settled(last_response: datetime | None, now: datetime) -> bool:
    """Whether the exact time of the latest answer can no longer matter."""
    return last_response is not None and _utc(now) - _utc(last_response) >= MAX_INTERVAL
