"""Offline at the counter: answers wait in IndexedDB, survive a reload, arrive exactly once."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from survey.database import db
from survey.kiosk.models import KioskDevice

from .browser import PORTRAIT
from .flows import quick_response, stored, wait_until

pytestmark = pytest.mark.slow  # a real browser: deselect with -m 'not slow'


def _status(kiosk: Any) -> dict[str, str]:
    """Open the hidden status screen (five taps in the corner) and read its facts."""
    for _ in range(5):
        kiosk.page.click("#corner", force=True)
    kiosk.screen("status")
    facts = kiosk.page.eval_on_selector_all(
        "main dd[data-fact]",
        "dds => Object.fromEntries(dds.map(d => [d.dataset.fact, d.textContent]))",
    )
    kiosk.page.click("main button.close")
    kiosk.screen("attract")
    return facts


def test_offline_reload_then_online_stores_exactly_three(make_kiosk, make_site):
    site = make_site("OF", "Offenbach", locales=["de", "ar"], kiosk_min_interval_seconds=0)
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.pair(site, "Schalter 4")
    page = kiosk.page
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15_000)

    # The server's reply to the first delivery is lost: it stores the response,
    # the tablet sees a network error and sends it again.
    posts: list[int] = []

    def lose_first_reply(route: Any) -> None:
        response = route.fetch()
        posts.append(response.status)
        if len(posts) == 1:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    kiosk.context.set_offline(True)
    for overall in (5, 3, 1):
        quick_response(kiosk, "ar", overall)
        page.click("main .thanks")
    page.reload()  # still offline: the service worker serves the kiosk
    kiosk.screen("attract")
    facts = _status(kiosk)
    assert (facts["queue"], facts["device"]) == ("3", "Schalter 4 (OF)")
    assert stored() == 0

    # (routed only now: a routed request would bypass the offline emulation)
    page.route("**/kiosk/api/responses", lose_first_reply)
    kiosk.context.set_offline(False)
    wait_until(lambda: stored() == 3, page, timeout=30, what="three responses")
    wait_until(lambda: _status(kiosk)["queue"] == "0", page, what="an empty queue")
    assert stored() == 3
    assert stored(locale="ar", channel="kiosk") == 3
    assert posts[0] == 201  # the lost reply: stored on the server
    assert posts.count(201) == 3 and posts.count(200) == 1  # its retry: a duplicate
    assert kiosk.errors == [] or all("ERR_" in e or "Failed to fetch" in e for e in kiosk.errors)


def test_heartbeat_reports_version_and_queue(make_kiosk, kiosk_site):
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.pair(kiosk_site)
    version = kiosk.page.get_attribute("body", "data-version")

    def reported() -> bool:
        db.session.expire_all()
        device = db.session.scalar(select(KioskDevice))
        return device is not None and device.app_version == version

    wait_until(reported, kiosk.page, what="a heartbeat")
