"""The kiosk in the visitor's language: the picker's heading, the staff status screen's
dates, and the app's own Arabic and Ethiopic fonts, offline too (real Chromium)."""

from __future__ import annotations

import re

import pytest

from .browser import PORTRAIT
from .flows import quick_response, stored, wait_until

pytestmark = pytest.mark.slow  # a real browser: deselect with -m 'not slow'


def test_the_language_picker_asks_in_the_language_the_greeting_was_in(make_kiosk, make_site):
    site = make_site("OF", "Offenbach", locales=["de", "ar"])
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.page.clock.install()  # the greeting turns only when the test says so
    kiosk.pair(site)
    page = kiosk.page
    german = page.text_content("main h1")
    page.clock.run_for(3000)  # one turn of the greeting: now in Arabic
    page.wait_for_function("document.querySelector('main h1').lang === 'ar'")
    page.click("main button.primary")
    kiosk.screen("language")
    asked = page.evaluate(
        "() => [document.documentElement.lang, document.documentElement.dir,"
        " document.querySelector('main h1').textContent]"
    )
    assert asked[:2] == ["ar", "rtl"]
    assert asked[2] != "Sprache wählen" and re.search("[\u0600-\u06ff]", asked[2]), asked
    assert german != page.text_content("main h1")


def test_the_status_screen_shows_dates_in_its_own_language(make_kiosk, make_site):
    site = make_site("OF", "Offenbach", locales=["de", "ar"], kiosk_min_interval_seconds=0)
    kiosk = make_kiosk(viewport=PORTRAIT, locale="en-US")  # the tablet's browser: English
    kiosk.pair(site)
    quick_response(kiosk, "ar", 4)
    wait_until(lambda: stored() == 1, kiosk.page, what="the response")
    kiosk.page.click("main .thanks")
    kiosk.screen("attract")
    for _ in range(5):
        kiosk.page.click("#corner", force=True)
    kiosk.screen("status")
    facts = kiosk.page.eval_on_selector_all(
        "main dd[data-fact]",
        "dds => Object.fromEntries(dds.map(d => [d.dataset.fact, d.textContent]))",
    )
    assert kiosk.page.evaluate("document.documentElement.lang") == "de"
    # German: 3.12.2026, 10:15:00 (not the browser's 12/3/2026, 10:15:00 AM)
    assert re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}, \d{2}:\d{2}:\d{2}", facts["sync"]), facts
    assert facts["online"] == "verbunden"
    assert re.fullmatch(r"\d+,\d\d MB", facts["audio"]), facts


@pytest.mark.parametrize(("code", "family", "sample"), [
    ("ar", "Noto Naskh Arabic", "ب"),
    ("ti", "Noto Sans Ethiopic", "ሰ"),
])  # fmt: skip
def test_the_kiosk_uses_the_apps_fonts_offline(make_kiosk, make_site, code, family, sample):
    site = make_site("OF", "Offenbach", locales=["de", code])
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.pair(site)
    page = kiosk.page
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15_000)
    page.evaluate("navigator.serviceWorker.ready")
    cached = page.evaluate(
        """async () => {
            const names = [];
            for (const key of await caches.keys())
                for (const r of await (await caches.open(key)).keys()) names.push(r.url);
            return names.filter((u) => u.includes('/static/fonts/'));
        }"""
    )
    assert any(url.endswith(".woff2") and family.replace(" ", "") in url for url in cached)
    kiosk.context.set_offline(True)
    page.reload()  # offline: the service worker serves the page, its styles and fonts
    kiosk.screen("attract")
    page.click("main button.primary")
    kiosk.screen("language")
    page.click(f"button[data-locale={code}]")
    kiosk.screen("question")
    loaded = page.evaluate(f"document.fonts.load('20px \"{family}\"', '{sample}')"
                           ".then((faces) => faces.length)")  # fmt: skip
    assert loaded >= 1, f"{family} not loaded offline"
    assert page.evaluate(f"document.fonts.check('20px \"{family}\"', '{sample}')")


SPLIT_WORDS = """() => {
  const found = [];
  for (const label of document.querySelectorAll('main .options .label')) {
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (const match of text.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) found.push(match[0]);
      }
    }
  }
  return {split: found, scale: document.querySelectorAll('main .options.scale').length,
          overflow: document.documentElement.scrollWidth > window.innerWidth};
}"""


def test_kiosk_scale_labels_wrap_only_between_words_on_a_320_px_screen(make_kiosk, make_site):
    from survey.i18n import locales
    from survey.responses import presentation

    site = make_site("OF", "Offenbach", locales=list(locales.CODES),
                     scale_presentation=presentation.FACES)  # fmt: skip
    kiosk = make_kiosk(viewport={"width": 320, "height": 640})
    kiosk.pair(site)
    page = kiosk.page
    problems = {}
    for code in locales.CODES:
        page.reload()
        kiosk.screen("attract")
        page.click("main button.primary")
        kiosk.screen("language")
        page.click(f"button[data-locale={code}]")
        kiosk.screen("question")
        page.click("main button.skip")  # topic
        page.wait_for_selector("main .screen[data-item=overall]")
        found = page.evaluate(SPLIT_WORDS)
        assert found["scale"] == 1
        if found["split"] or found["overflow"]:
            problems[code] = found
    assert problems == {}
