"""The kiosk in real Chromium: faces only when the site shows them, numbers always, and
the response records what the tablet showed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from survey.responses import presentation

from ..kiosk.browser import axe_violations, live_server
from ..kiosk.conftest import Kiosk
from ..kiosk.flows import begin, go_to, quick_response, stored, wait_until

STEPS = """() => [...document.querySelectorAll('main .options.scale button')].map((b) => {
  const box = b.getBoundingClientRect();
  return {value: b.dataset.value, face: !!b.querySelector('svg.face[aria-hidden=true]'),
          number: (b.querySelector('.step') || {}).textContent || '',
          words: b.querySelector('span:not(.step)').textContent, x: box.x,
          width: box.width, height: box.height};
})"""


@pytest.fixture
def kiosk(chromium: Any, app: Any) -> Iterator[Any]:
    with live_server(app) as url:
        tablet = Kiosk(chromium, url, viewport={"width": 800, "height": 1280})
        try:
            yield tablet
        finally:
            tablet.close()


@pytest.mark.parametrize(
    ("version", "locale", "numbers"),
    [
        (presentation.FACES, "ar", ["1", "2", "3", "4", "5"]),
        (presentation.FACES, "fa", ["۱", "۲", "۳", "۴", "۵"]),
        (presentation.WORDS, "de", ["1", "2", "3", "4", "5"]),
    ],
)
def test_kiosk_scale_and_recorded_presentation(kiosk, make_site, version, locale, numbers):
    site = make_site("WI", "Wiesbaden", locales=["de", "ar", "fa"], scale_presentation=version)
    kiosk.pair(site)
    begin(kiosk, locale)
    kiosk.page.click("main button.skip")  # topic
    go_to(kiosk, "overall")
    steps = kiosk.page.evaluate(STEPS)
    assert [s["number"] for s in steps] == numbers
    assert all(s["face"] for s in steps) == (version == presentation.FACES)
    assert all(s["words"].strip() for s in steps)
    assert all(s["width"] >= 44 and s["height"] >= 44 for s in steps), "touch targets"
    xs = [s["x"] for s in steps]
    assert xs == sorted(xs, reverse=locale in ("ar", "fa")), "reading order, mirrored in RTL"
    assert axe_violations(kiosk.page) == []
    kiosk.page.goto(kiosk.base + "/kiosk")  # start over and send one response
    quick_response(kiosk, locale="de")
    wait_until(lambda: stored(presentation=version) == 1, kiosk.page, what="the response")
    assert kiosk.errors == []
