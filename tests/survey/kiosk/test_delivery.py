"""deliver() under concurrency: retries racing each other still store one response."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from survey.database import db
from survey.kiosk import operations
from survey.kiosk.models import KioskDevice
from survey.responses.models import Response
from survey.responses.submission import RawResponse
from survey.responses.tallies import ResponseTally


def _race(app, device_id: int, raws: list[RawResponse], sent_at: str) -> list[str]:
    barrier = threading.Barrier(len(raws))
    results: list[str] = []
    errors: list[BaseException] = []

    def worker(raw: RawResponse) -> None:
        try:
            with app.app_context():
                barrier.wait(timeout=10)
                with db.engine.begin() as conn:
                    delivery = operations.deliver(
                        conn,
                        device_id,
                        raw,
                        sent_at=sent_at,
                        now=datetime.now(UTC),
                        timezone=ZoneInfo("Europe/Berlin"),
                    )
                results.append(f"{delivery.outcome.status}:{delivery.flagged}")
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(raw,)) for raw in raws]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return sorted(results)


def test_concurrent_retries_of_one_uuid_store_it_once(app, token):
    device_id = db.session.scalar(select(KioskDevice.id))
    rid = str(uuid.uuid4())
    raw = RawResponse(id=rid, locale="de", answers={"overall": 4, "improve": [2]})
    sent = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    results = _race(app, device_id, [raw] * 4, sent)
    assert results == ["duplicate:False"] * 3 + ["stored:False"]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
    assert db.session.scalar(select(func.sum(ResponseTally.n))) == 1


def test_two_responses_at_once_from_one_device_flag_exactly_one(app, token):
    device_id = db.session.scalar(select(KioskDevice.id))
    raws = [RawResponse(id=str(uuid.uuid4()), locale="de", answers={"overall": 3}) for _ in "ab"]
    sent = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    assert _race(app, device_id, raws, sent) == ["stored:False", "stored:True"]
