"""The 1–5 scale on a 320 px phone in real Chromium: labels wrap only between words.

Each label's words are measured one by one (``Range.getClientRects``): a word whose
boxes sit on more than one line was split (hyphenated or broken mid-word).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from survey.i18n import locales
from survey.responses import presentation

from ..kiosk.browser import live_server

SPLIT_WORDS = """() => {
  const found = [];
  const labels = document.querySelectorAll('.options.scale .label');
  for (const label of labels) {
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
  const style = getComputedStyle(labels[0]);
  return {
    labels: labels.length,
    split: found,
    style: [style.hyphens, style.overflowWrap, style.wordBreak],
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
}"""


@pytest.fixture(params=[presentation.FACES, presentation.WORDS], ids=["faces", "words"])
def server(request, app, make_site) -> Iterator[str]:
    make_site("WI", "Wiesbaden", scale_presentation=request.param)
    with live_server(app) as url:
        yield url


@pytest.fixture
def phone(page_at) -> object:
    return page_at(320, 640)


@pytest.mark.parametrize("code", locales.CODES)
def test_scale_labels_wrap_only_between_words_at_320_px(server, phone, code):
    phone.goto(f"{server}/s/WI?lang={code}")
    phone.evaluate("document.fonts.ready")
    found = phone.evaluate(SPLIT_WORDS)
    assert found["labels"] >= 5
    assert found["style"] == ["manual", "normal", "normal"]
    assert found["split"] == [], f"words split across lines in {code}"
    assert found["scrollWidth"] <= found["innerWidth"], f"horizontal overflow in {code}"
