"""A device row keeps no time finer than a response does (survey/kiosk/coarse.py):
last seen to the hour; the latest answer exact only while the minimum interval needs it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.orm import Session

from survey.database import db
from survey.database.engine import configure_engine, normalise_url
from survey.database.migrations import upgrade
from survey.kiosk import operations
from survey.kiosk.models import KioskDevice
from survey.responses.submission import RawResponse
from survey.retention.operations import run_retention
from tests.databases import fresh_database
from tests.survey.staff import isolated_requests, make_user, sign_in  # noqa: F401 - fixtures

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2016, 3, 14, 9, 37, 12, 345678, tzinfo=UTC)


def _device(token: str) -> KioskDevice:
    db.session.expire_all()
    return operations.authenticate(db.session, token)


def _deliver(token: str, now: datetime) -> operations.Delivery:
    raw = RawResponse(id=str(uuid.uuid4()), locale="de", answers={"overall": 4})
    with db.engine.begin() as conn:
        return operations.deliver_with_token(
            conn, token, raw, sent_at=now.isoformat(), now=now, timezone=BERLIN
        )


def _utc(moment: datetime) -> datetime:
    return operations.as_utc(moment)


def test_last_seen_is_kept_to_the_hour_and_the_latest_answer_only_while_needed(token):
    assert not _deliver(token, T0).flagged
    device = _device(token)
    assert _utc(device.last_seen_at) == datetime(2016, 3, 14, 9, tzinfo=UTC)
    assert _utc(device.last_response_at) == T0  # the minimum interval needs it now
    assert _deliver(token, T0 + timedelta(seconds=5)).flagged  # 5 s < 15 s: flagged

    later = T0 + timedelta(minutes=30)
    operations.heartbeat(db.session, _device(token), {"queue_length": 0}, later)
    db.session.commit()
    assert _utc(_device(token).last_response_at) == T0 + timedelta(seconds=5)  # within an hour

    late = T0 + timedelta(hours=2)
    operations.heartbeat(db.session, _device(token), {"queue_length": 3}, late)
    db.session.commit()
    assert _utc(_device(token).last_response_at).microsecond  # answers still queued: kept
    operations.heartbeat(db.session, _device(token), {"queue_length": 0}, late)
    db.session.commit()
    device = _device(token)
    assert _utc(device.last_response_at) == datetime(2016, 3, 14, tzinfo=UTC)
    assert _utc(device.last_seen_at) == datetime(2016, 3, 14, 11, tzinfo=UTC)
    # the coarse day never flags a later answer
    assert not _deliver(token, late + timedelta(seconds=1)).flagged


def test_retention_run_cuts_device_times(token):
    _deliver(token, T0)
    run_retention(db.session, date(2016, 3, 14))  # the same day: the answer may matter
    db.session.commit()
    assert _utc(_device(token).last_response_at) == T0
    run_retention(db.session, date(2016, 3, 16))
    db.session.commit()
    assert _utc(_device(token).last_response_at) == datetime(2016, 3, 14, tzinfo=UTC)


def test_devices_page_shows_the_hour_only(app, token, make_user, kiosk_site):  # noqa: F811
    _deliver(token, T0)
    client = app.test_client()
    sign_in(client, make_user("lead", "lead", [kiosk_site]))
    page = client.get("/admin/devices").get_data(as_text=True)
    assert "2016-03-14, 09:00–10:00 UTC" in page and "09:37" not in page


def test_migration_0017_coarsens_stored_times(tmp_path):
    with fresh_database(tmp_path) as url:
        engine = create_engine(normalise_url(url))
        configure_engine(engine)
        upgrade(engine, "0007")
        with Session(engine) as session, session.begin():
            # the site as revision 0007 knows it (the model may have columns added since)
            session.execute(text(
                "INSERT INTO site (code, name, locales, default_locale, enabled, "
                "kiosk_idle_seconds, kiosk_min_interval_seconds, comment_retention_days, "
                "invitation_required, created_at) VALUES ('WI', 'Wiesbaden', '[]', 'de', "
                "true, 45, 15, 365, false, CURRENT_TIMESTAMP)"))  # fmt: skip
            site_id = session.scalar(text("SELECT id FROM site"))
            session.execute(insert(KioskDevice.__table__).values(
                site_id=site_id, label="", token_hash="x", created_at=T0, app_version="",
                queue_length=0, last_seen_at=T0, last_response_at=T0))  # fmt: skip
        upgrade(engine)
        with engine.connect() as conn:
            seen, last = conn.execute(
                select(KioskDevice.last_seen_at, KioskDevice.last_response_at)
            ).one()
        engine.dispose()
    assert _utc(seen) == datetime(2016, 3, 14, 9, tzinfo=UTC)
    assert _utc(last) == datetime(2016, 3, 14, tzinfo=UTC)
