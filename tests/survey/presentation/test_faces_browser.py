"""Faces in real Chromium: every locale, both directions, at 320 px; screenshots on request.

Set ``SURVEY_SCREENSHOTS=DIR`` to write the screenshots (docs/screenshots/faces-*.png
were written so).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from survey.i18n import locales
from survey.responses import presentation

from ..kiosk.browser import axe_violations, live_server

GEOMETRY = """() => {
  const option = (v) =>
    document.querySelector(`input[name=overall][value="${v}"]`).closest("label");
  const box = (node) => node.getBoundingClientRect();
  const steps = [1, 2, 3, 4, 5].map((v) => {
    const label = option(v), face = label.querySelector('svg.face');
    const use = face.querySelector('use');
    return {
      label: box(label), face: box(face), faceShape: box(use),
      number: label.querySelector('.step').textContent,
      words: label.querySelector('.label').textContent.trim(),
      transform: getComputedStyle(face).transform,
    };
  });
  return {
    dir: getComputedStyle(document.documentElement).direction,
    steps,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
}"""


@pytest.fixture
def server(app, make_site) -> Iterator[str]:
    make_site("WI", "Wiesbaden", scale_presentation=presentation.FACES)
    with live_server(app) as url:
        yield url


@pytest.fixture
def narrow(page_at) -> object:
    return page_at(320, 640)


@pytest.mark.parametrize("code", locales.CODES)
def test_faces_render_in_every_locale_at_320_px(server, narrow, code):
    narrow.goto(f"{server}/s/WI?lang={code}")
    narrow.evaluate("document.fonts.ready")
    found = narrow.evaluate(GEOMETRY)
    info = locales.get(code)
    assert found["dir"] == info.direction
    assert found["scrollWidth"] <= found["innerWidth"], "horizontal overflow at 320 px"
    centres = []
    for step in found["steps"]:
        assert step["faceShape"]["width"] > 20 and step["faceShape"]["height"] > 20, "face drawn"
        assert step["number"] and step["words"], "number and words stay beside the face"
        assert step["transform"] == "none", "a face is never mirrored"
        centres.append(step["label"]["x"] + step["label"]["width"] / 2)
    # reading order: the first step at the inline start (left in LTR, right in RTL)
    assert centres == sorted(centres, reverse=info.rtl)
    shots = os.environ.get("SURVEY_SCREENSHOTS")
    if shots:
        target = narrow.locator("#q-overall")
        target.screenshot(path=str(Path(shots) / f"faces-{code}.png"))


@pytest.mark.parametrize("code", ["de", "ar", "fa", "ti"])
def test_axe_finds_nothing_with_the_faces(server, narrow, code):
    narrow.goto(f"{server}/s/WI?lang={code}")
    assert axe_violations(narrow) == []
