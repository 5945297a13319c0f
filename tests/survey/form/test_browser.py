"""Real headless Chromium against a real server thread: RTL order and width at 360 px
(where the scale is a list, one step a row)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.serving import make_server

from survey.i18n import locales

RTL = [info.code for info in locales.LOCALES if info.rtl]


@pytest.fixture
def live_server(app: Flask, make_site) -> Iterator[str]:
    make_site("WI", "Wiesbaden")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def browser(chromium) -> object:
    """The session's Chromium (tests/conftest.py), under the name these tests use."""
    return chromium


@pytest.fixture
def phone(page_at) -> object:
    return page_at(360, 740)


GEOMETRY = """() => {
  const input = (v) => document.querySelector(`input[name=overall][value="${v}"]`);
  const box = (node) => node.getBoundingClientRect();
  const first = box(input(1).closest('label')), last = box(input(5).closest('label'));
  const radio = box(input(1)), words = box(input(1).closest('label').querySelector('.label'));
  return {
    dir: getComputedStyle(document.documentElement).direction,
    firstAbove: first.bottom <= last.top,
    radioCenter: radio.left + radio.width / 2,
    wordsCenter: words.left + words.width / 2,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
}"""


@pytest.mark.parametrize("code", RTL)
def test_rtl_first_scale_step_on_the_right_no_overflow(live_server: str, phone, code: str) -> None:
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.goto(f"{live_server}/s/WI?lang={code}")
    phone.evaluate("document.fonts.ready")
    geometry = phone.evaluate(GEOMETRY)
    assert geometry["dir"] == "rtl"
    # on a phone the steps are a list (first at the top), each read from the right
    assert geometry["firstAbove"], "the steps should be a list at 360 px, first on top"
    assert geometry["radioCenter"] > geometry["wordsCenter"], "radio must be on the right"
    assert geometry["scrollWidth"] <= geometry["innerWidth"], "horizontal overflow"
    assert phone.evaluate("""document.fonts.check('16px "Noto Naskh Arabic"', 'ب')""")
    assert any(url.endswith("NotoNaskhArabic-Regular.woff2") for url in requests)
    assert all(url.startswith(live_server) for url in requests), "third-party request"


@pytest.mark.parametrize("code", [c for c in locales.CODES if c not in RTL])
def test_ltr_first_scale_step_on_the_left_no_overflow(live_server: str, phone, code: str) -> None:
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.goto(f"{live_server}/s/WI?lang={code}")
    phone.evaluate("document.fonts.ready")
    geometry = phone.evaluate(GEOMETRY)
    assert geometry["dir"] == "ltr"
    assert geometry["firstAbove"], "the steps should be a list at 360 px, first on top"
    assert geometry["radioCenter"] < geometry["wordsCenter"]
    assert geometry["scrollWidth"] <= geometry["innerWidth"], "horizontal overflow"
    fonts = [url.rsplit("/", 1)[-1] for url in requests if url.endswith(".woff2")]
    assert fonts == (["NotoSansEthiopic-Regular.woff2"] if code == "ti" else [])
    assert all(url.startswith(live_server) for url in requests), "third-party request"


@pytest.mark.parametrize("code", ["ar", "ckb", "ti", "uk"])
@pytest.mark.parametrize("path", ["/privacy?site=WI", "/accessibility?site=WI", "/s/NOPE?x=1"])
def test_text_pages_fit_360_px(live_server: str, phone, code: str, path: str) -> None:
    phone.goto(f"{live_server}{path}&lang={code}")
    phone.evaluate("document.fonts.ready")
    width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"horizontal overflow on {path} in {code}"
    assert phone.evaluate("document.documentElement.lang") == locales.get(code).html_lang
