"""Idle reset, revoked devices and the response interval, in a real browser."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from survey.database import db
from survey.database.types import utcnow
from survey.kiosk import operations
from survey.kiosk.models import KioskDevice
from survey.questionnaires.models import Item
from survey.responses.models import Answer, Comment

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


def _focused(page) -> dict[str, str | None]:
    return page.evaluate(
        "() => ({tag: document.activeElement.tagName, value: document.activeElement.dataset.value,"
        " locale: document.activeElement.dataset.locale, cls: document.activeElement.className})"
    )


def test_usable_with_the_keyboard_alone(make_kiosk, kiosk_site):
    """Focus goes to each new screen's heading; Tab and Enter answer every kind of item."""
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.pair(kiosk_site)
    page = kiosk.page
    assert _focused(page)["tag"] == "H1"
    page.keyboard.press("Tab")
    assert _focused(page)["cls"] == "primary huge"
    page.keyboard.press("Enter")
    kiosk.screen("language")
    assert _focused(page)["tag"] == "H1"
    while _focused(page)["locale"] != "ti":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    go_to(kiosk, "topic")
    assert _focused(page)["tag"] == "H1"
    for _ in range(2):  # second option of a choice item
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    go_to(kiosk, "overall")
    assert _focused(page)["tag"] == "H1"
    for _ in range(5):  # fifth face of a scale item
        page.keyboard.press("Tab")
    assert _focused(page)["value"] == "5"
    page.keyboard.press("Space")
    go_to(kiosk, "resolved")
    while (item := page.get_attribute("main .screen", "data-item")) != "improve":
        while "skip" not in _focused(page)["cls"]:
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"() => document.querySelector('main .screen').dataset.item !== '{item}'"
        )
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # a multiple-choice option toggles, and stays
    assert page.get_attribute("main button[data-value='1']", "aria-pressed") == "true"
    while "next" not in _focused(page)["cls"]:
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    go_to(kiosk, "comment")
    page.keyboard.press("Tab")
    page.keyboard.type("Gut")
    while "send" not in _focused(page)["cls"]:
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    kiosk.screen("thanks")
    wait_until(lambda: stored(locale="ti") == 1, page, what="the response")
    answers = db.session.execute(
        select(Item.code, Answer.value).join(Item, Item.id == Answer.item_id).order_by(Item.code)
    ).all()
    assert [tuple(a) for a in answers] == [("improve", 1), ("overall", 5), ("topic", 2)]
    assert db.session.scalar(select(Comment.text)) == "Gut"
    assert kiosk.errors == []
