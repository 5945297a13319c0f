"""The faces on the online form's 1–5 scale: beside the numbers and words, not instead."""

from __future__ import annotations

import re

import pytest

from survey.form.operations import current_definition
from survey.i18n import format_number, locales
from survey.responses import presentation

SCALES = 7  # 1–5 items of core@1
USE = re.compile(r'<svg class="face"[^>]*aria-hidden="true"[^>]*><use href="#face-([1-5])"/></svg>')


def _page(client, code: str) -> str:
    response = client.get(f"/s/WI?lang={code}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("code", locales.CODES)
def test_every_locale_shows_faces_beside_numbers_and_words(client, make_site, code):
    make_site("WI", "Wiesbaden", scale_presentation=presentation.FACES)
    html = _page(client, code)
    assert html.count('<symbol id="face-') == 5 and html.count('class="face-sprite"') == 1
    assert USE.findall(html) == [str(v) for v in range(1, 6)] * SCALES
    info = locales.get(code)
    for value in range(1, 6):  # the number of each step is still there, in the locale's digits
        step = f'<span class="step" aria-hidden="true">{format_number(value, info)}</span>'
        assert html.count(step) == SCALES
    # each option keeps its words: the label text is what a screen reader reads
    label = r'<span class="label">((?:[^<]|<span class="word">[^<]+</span>)+)</span>'
    labels = re.findall(label, html)
    assert len(labels) >= SCALES * 5 and all(label.strip() for label in labels)
    assert f'dir="{info.direction}"' in html


def test_a_words_site_shows_no_faces(client, make_site):
    make_site("WI", "Wiesbaden", scale_presentation=presentation.WORDS)
    html = _page(client, "de")
    assert "face" not in html
    assert html.count('<span class="step" aria-hidden="true">5</span>') == SCALES


def test_the_faces_differ_by_their_mouth_not_only_by_colour(client, make_site):
    make_site("WI", "Wiesbaden", scale_presentation=presentation.FACES)
    html = _page(client, "de")
    mouths = re.findall(r'<path d="M14 (\d+)Q24 (\d+) 34 \d+"', html)
    assert len(set(mouths)) == 5
    # the control point below the corners is a smile, above them a frown
    bends = [int(control) - int(corner) for corner, control in mouths]
    assert bends == sorted(bends) and bends[0] < 0 < bends[-1] and bends[2] == 0


def test_non_scale_items_get_no_faces(client, make_site):
    make_site("WI", "Wiesbaden", scale_presentation=presentation.FACES)
    html = _page(client, "en")
    definition = current_definition()
    for item in definition.items:
        block = re.search(rf'<fieldset[^>]*id="q-{item.code}".*?</fieldset>', html, re.S)
        if block is None:
            continue
        assert ('class="face"' in block.group(0)) == (item.kind == "scale"), item.code
