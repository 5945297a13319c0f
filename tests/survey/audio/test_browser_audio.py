"""The online form's audio control in real Chromium: nothing loads until played, then it plays.

The session's Chromium has no autoplay flag, so the test plays muted (a muted play()
is allowed without a gesture); what it checks is that the file loads, decodes and
runs to its end.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..kiosk.browser import axe_violations, live_server


@pytest.fixture
def server(app, make_site, audio_dir) -> Iterator[str]:
    make_site("WI", "Wiesbaden")
    with live_server(app) as url:
        yield url


@pytest.fixture
def page(chromium) -> Iterator[object]:
    context = chromium.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=True)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def test_the_form_audio_loads_on_demand_and_plays(server, page):
    audio_requests: list[str] = []
    page.on("request", lambda r: audio_requests.append(r.url) if "/audio/" in r.url else None)
    page.goto(f"{server}/s/WI?lang=tr")
    page.wait_for_load_state("networkidle")
    assert audio_requests == [], "preload=none: no audio before it is played"
    page.evaluate("""() => {
        const audio = document.querySelector('audio.listen[src$="overall-full.opus"]');
        audio.muted = true;
        audio.addEventListener('ended', () => { document.body.dataset.played = audio.duration; });
        return audio.play();
    }""")
    page.wait_for_function("() => document.body.dataset.played !== undefined")
    assert float(page.evaluate("document.body.dataset.played")) > 1
    assert any(url.endswith("/audio/tr/overall-full.opus") for url in audio_requests)


def test_axe_finds_nothing_with_the_audio_controls(server, page):
    for code in ("tr", "ar"):
        page.goto(f"{server}/s/WI?lang={code}")
        assert axe_violations(page) == []


def test_the_native_control_works_with_javascript_off(server, chromium):
    context = chromium.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(f"{server}/s/WI?lang=tr")
        control = page.locator('audio.listen[src$="overall-full.opus"]')
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        assert box is not None and box["height"] >= 32
        # the play button sits at the control's inline start
        with page.expect_request(lambda r: r.url.endswith("/audio/tr/overall-full.opus")):
            page.mouse.click(box["x"] + 20, box["y"] + box["height"] / 2)
    finally:
        context.close()
