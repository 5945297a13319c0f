"""Idle reset, revoked devices and the response interval, in a real browser."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from survey.database import db
from survey.database.types import utcnow
from survey.kiosk import operations
from survey.kiosk.models import KioskDevice

from .browser import LANDSCAPE, PORTRAIT
from .flows import begin, go_to, quick_response, stored, wait_until

pytestmark = pytest.mark.slow  # a real browser: deselect with -m 'not slow'


def test_idle_reset_discards_a_half_finished_survey(make_kiosk, make_site):
    site = make_site("GI", "Gießen", locales=["de", "ar"], kiosk_idle_seconds=10)
    kiosk = make_kiosk(viewport=LANDSCAPE)
    kiosk.pair(site)
    page = kiosk.page
    begin(kiosk, "ar")
    page.click("main .options button[data-value='3']")  # topic
    go_to(kiosk, "overall")
    page.click("main .options button[data-value='1']")
    go_to(kiosk, "resolved")
    started = time.monotonic()
    kiosk.screen("attract", timeout=15_000)
    assert time.monotonic() - started >= 8  # the site's idle time, not sooner
    assert page.evaluate("document.documentElement.dir") == "ltr"
    # The next person starts from nothing: no answer of the previous one is shown.
    begin(kiosk, "de")
    assert page.locator("main button[aria-pressed=true]").count() == 0
    page.click("main button.skip")
    go_to(kiosk, "overall")
    assert page.locator("main button[aria-pressed=true]").count() == 0
    page.wait_for_timeout(1500)
    assert stored() == 0
    assert kiosk.errors == []


def test_revoked_device_is_refused_and_says_so(make_kiosk, kiosk_site):
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.pair(kiosk_site)
    version = kiosk.page.get_attribute("body", "data-version")

    def started() -> bool:  # the start-up heartbeat went through before the revocation
        with db.engine.connect() as conn:
            return conn.scalar(select(KioskDevice.app_version)) == version

    wait_until(started, kiosk.page, what="the first heartbeat")
    device_id = db.session.scalar(select(KioskDevice.id))
    operations.revoke(db.session, device_id, utcnow())
    db.session.commit()
    # A response given after the revocation is refused by the server ...
    quick_response(kiosk, "de", then="unpaired")
    assert "nicht mehr gekoppelt" in kiosk.page.inner_text("main h1")
    assert stored() == 0
    # ... and the tablet keeps saying so after a restart.
    kiosk.page.reload()
    kiosk.screen("unpaired")
    assert "nicht mehr gekoppelt" in kiosk.page.inner_text("main h1")
    assert kiosk.page.locator("a").count() == 0
    assert stored() == 0


def test_fast_responses_are_stored_but_flagged(make_kiosk, kiosk_site):
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.pair(kiosk_site)  # default minimum interval: 15 seconds
    for overall in (5, 1):
        quick_response(kiosk, "de", overall)
        kiosk.page.click("main .thanks")
    wait_until(lambda: stored() == 2, kiosk.page, what="two responses")
    assert stored(flagged=True) == 1
    [status] = operations.list_devices(db.session, None, utcnow())
    assert status.flagged == 1
