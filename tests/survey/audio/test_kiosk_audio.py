"""The kiosk's speaker in real Chromium: plays question then options, highlighting each,
offline after a reload (the service worker keeps the clips); no button without audio."""

from __future__ import annotations

import pytest

from tests.survey.kiosk.browser import PORTRAIT
from tests.survey.kiosk.conftest import make_kiosk, server  # noqa: F401 - fixtures
from tests.survey.kiosk.flows import begin, go_to

from .conftest import CLIPS

pytestmark = pytest.mark.slow

KEPT = "async () => (await (await caches.open('kiosk-audio')).keys()).length"


def test_the_kiosk_reads_a_question_aloud_offline(audio_dir, make_kiosk, make_site):  # noqa: F811
    site = make_site("WI", "Wiesbaden", locales=["tr", "de"])
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.pair(site)
    page = kiosk.page
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15_000)
    # after loading the bundle the page asks for every clip once; the worker keeps them
    page.wait_for_function(f"async () => ({KEPT})() >= {len(CLIPS)}", timeout=30_000)
    kiosk.context.set_offline(True)
    page.reload()
    kiosk.screen("attract")

    begin(kiosk, "tr")
    assert page.locator("main button.speak").count() == 0  # topic: no audio in this set
    page.click("main button.skip")
    go_to(kiosk, "overall")
    speaker = page.locator("main button.speak")
    box = speaker.bounding_box()
    assert box is not None and box["width"] >= 44 and box["height"] >= 44
    assert speaker.get_attribute("aria-label")
    speaker.click()
    # the question, then each option in order, each marked while it is read; then the end
    page.wait_for_selector('main button.speak[data-read$="-1"]', timeout=60_000)
    assert speaker.get_attribute("data-read") == "0,1,2,3,4,5,-1"
    assert page.locator("main .speaking").count() == 0
    assert kiosk.errors == [] or all("ERR_" in e or "Failed to fetch" in e for e in kiosk.errors)


def test_no_speaker_in_a_locale_without_audio(audio_dir, make_kiosk, make_site):  # noqa: F811
    site = make_site("WI", "Wiesbaden", locales=["de", "tr"])
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.pair(site)
    begin(kiosk, "de")
    page = kiosk.page
    page.click("main button.skip")
    go_to(kiosk, "overall")
    assert page.locator("main button.speak").count() == 0
