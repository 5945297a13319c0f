"""axe-core on every kiosk screen: no violations (WCAG 2.1 A/AA and best practices)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.database import db
from survey.database.types import utcnow
from survey.kiosk import operations
from survey.kiosk.models import KioskDevice

from .browser import LANDSCAPE, PORTRAIT, axe_violations
from .flows import current_item, go_to

pytestmark = pytest.mark.slow  # a real browser: deselect with -m 'not slow'


def _clean(kiosk, where: str) -> None:
    violations = axe_violations(kiosk.page)
    assert violations == [], f"{where}: {violations}"
    assert kiosk.page.locator("a").count() == 0, f"{where}: a link leads out"


def test_every_screen_has_no_axe_violations(make_kiosk, kiosk_site):
    kiosk = make_kiosk(viewport=PORTRAIT)
    page = kiosk.page
    page.goto(f"{kiosk.base}/kiosk/pair")
    _clean(kiosk, "pair")
    page.fill("#code", "NOPE-NOPE")
    page.click("button[type=submit]")
    page.wait_for_selector("#pair-status:not(:empty)")
    _clean(kiosk, "pair error")
    kiosk.pair(kiosk_site)
    for viewport, locale in ((PORTRAIT, "ar"), (LANDSCAPE, "ti")):
        page.set_viewport_size(viewport)
        kiosk.screen("attract")
        _clean(kiosk, "attract")
        page.click("main button.primary")
        kiosk.screen("language")
        _clean(kiosk, "language")
        page.click(f"button[data-locale={locale}]")
        seen: set[str] = set()
        while (item := current_item(kiosk)) != "comment":
            kind = page.evaluate(
                "document.querySelector('main .options.scale') ? 'scale' : "
                "(document.querySelector('main button.next') ? 'multi' : 'choice')"
            )
            if kind not in seen:  # one of each kind, before and after choosing
                _clean(kiosk, f"{locale} {item}")
            if kind == "multi":
                page.click("main .options button[data-value='2']")
                if kind not in seen:
                    _clean(kiosk, f"{locale} {item} chosen")
                page.click("main button.next")
            else:
                page.click("main .options button[data-value='1']")
                if kind not in seen:  # come back to see the chosen answer, without a race
                    page.wait_for_function(
                        f"() => document.querySelector('main .screen').dataset.item !== '{item}'"
                    )
                    page.click("main button.back")
                    go_to(kiosk, item)
                    _clean(kiosk, f"{locale} {item} chosen")
                    page.click("main .options button[data-value='1']")
            seen.add(kind)
            page.wait_for_function(
                f"() => document.querySelector('main .screen').dataset.item !== '{item}'"
            )
        go_to(kiosk, "comment")
        _clean(kiosk, f"{locale} comment")
        page.click("main button.send")
        kiosk.screen("thanks")
        _clean(kiosk, "thanks")
        page.click("main .thanks")
    kiosk.screen("attract")
    for _ in range(5):
        page.click("#corner", force=True)
    kiosk.screen("status")
    _clean(kiosk, "status")
    page.click("main button.close")
    operations.revoke(db.session, db.session.scalar(select(KioskDevice.id)), utcnow())
    db.session.commit()
    page.reload()
    kiosk.screen("unpaired")
    _clean(kiosk, "unpaired")
