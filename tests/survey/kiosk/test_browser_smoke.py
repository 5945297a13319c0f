from __future__ import annotations

from .browser import PORTRAIT


def test_smoke(make_kiosk, kiosk_site):
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.pair(kiosk_site)
    kiosk.page.screenshot(path="/tmp/kiosk-attract.png")
    kiosk.page.click("main button.primary")
    kiosk.screen("language")
    kiosk.page.screenshot(path="/tmp/kiosk-lang.png")
    kiosk.page.click("button[data-locale=ar]")
    kiosk.screen("question")
    kiosk.page.screenshot(path="/tmp/kiosk-q1.png")
    assert kiosk.errors == []
