"""Keyboard focus on the form in real Chromium: the focus ring is never cut off.

Tabbing moves focus down the page; the browser scrolls only as far as the element
itself. Each stop's ring (the outline plus its offset) must lie inside the viewport.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..kiosk.browser import live_server

RING = """() => {
  const node = document.activeElement;
  const style = getComputedStyle(node);
  const ring = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  const box = node.getBoundingClientRect();
  return {
    tag: node.tagName, type: node.type || '', name: node.name || '',
    top: box.top - ring, bottom: box.bottom + ring, height: window.innerHeight,
    outline: style.outlineStyle,
  };
}"""


@pytest.fixture
def server(app, make_site) -> Iterator[str]:
    make_site("WI", "Wiesbaden")
    with live_server(app) as url:
        yield url


@pytest.mark.parametrize("viewport", [(360, 640), (1024, 600)], ids=["phone", "laptop"])
def test_a_focused_control_shows_its_whole_focus_ring(server, chromium, viewport):
    context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    try:
        page.goto(f"{server}/s/WI?lang=de")
        page.locator("#title").click()  # start from the top, as a keyboard user does
        stops = []
        for _ in range(40):
            page.keyboard.press("Tab")
            found = page.evaluate(RING)
            if found["tag"] == "BUTTON" and found["type"] == "submit":
                break
            stops.append(found)
        radios = [s for s in stops if s["type"] in ("radio", "checkbox")]
        assert len(radios) >= 5
        assert all(s["outline"] != "none" for s in radios)
        cut = [s for s in stops if s["top"] < 0 or s["bottom"] > s["height"]]
        assert cut == [], f"focus ring outside the viewport: {cut[:3]}"
    finally:
        context.close()
