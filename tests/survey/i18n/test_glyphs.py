"""Every character of every catalog has a glyph in the font its locale is served with.

Arabic-script and Ethiopic locales get a self-hosted Noto subset for the
characters in its ``unicode-range``; everything else (Latin, Cyrillic, digits,
punctuation) is drawn by the system font stack. For those we check against
Noto Sans from Debian's fonts-noto-core as the stand-in for a system UI font
(Android's own is Noto/Roboto): a character outside it would be a real risk.

Only applicant-facing strings count: staff pages are read on office desktops,
and PDFs are set by WeasyPrint with the full Noto families (formula signs such
as "√" in the reports' methodology appendix are not in Noto Sans).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from survey import ROOT
from survey.i18n import format_number, locales, workflow
from survey.i18n.coverage import staff_only, translations_of
from survey.i18n.fonts import NOTO_DIR, STATIC_DIR, WEB_FONTS

SYSTEM_STAND_IN = NOTO_DIR / "NotoSans-Regular.ttf"
IGNORED = {"\n", "\u200c", "\u200d", "\u200e", "\u200f"}  # joiners and marks: no glyph needed


@cache
def cmap(path: Path) -> frozenset[int]:
    font = TTFont(path)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


@cache
def css_ranges(stylesheet: str) -> tuple[range, ...]:
    css = (STATIC_DIR / stylesheet).read_text(encoding="utf-8")
    found = re.search(r"unicode-range:\s*([^;]+);", css)
    assert found, f"{stylesheet} declares no unicode-range"
    ranges = []
    for part in found.group(1).split(","):
        start, _, end = part.strip().removeprefix("U+").partition("-")
        ranges.append(range(int(start, 16), int(end or start, 16) + 1))
    return tuple(ranges)


def catalog_text(info: locales.LocaleInfo) -> str:
    with workflow.po_path(ROOT / "translations", info.catalog).open("rb") as fh:
        catalog = read_po(fh, locale=info.babel)
    strings = [text for m in catalog if m.id and not staff_only(m) for text in translations_of(m)]
    # plus what the app adds: the native name in the picker and formatted numbers
    return "".join(strings) + info.native + format_number(1234567.89, info)


def test_font_files_are_self_hosted_with_licence() -> None:
    assert (STATIC_DIR / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE")
    for font in WEB_FONTS.values():
        assert (STATIC_DIR / font.woff2).stat().st_size < 150_000, "subset the font"
        assert (STATIC_DIR / font.stylesheet).exists()
        assert "url(" in (STATIC_DIR / font.stylesheet).read_text(encoding="utf-8")
        assert (
            "//" not in (STATIC_DIR / font.stylesheet).read_text(encoding="utf-8").split("*/")[-1]
        ), "no third-party font host"


@pytest.mark.parametrize("code", locales.CODES)
def test_every_character_has_a_glyph(code: str) -> None:
    info = locales.get(code)
    if not SYSTEM_STAND_IN.exists():
        pytest.fail("fonts-noto-core is not installed (./dev installs it)")
    text = catalog_text(info)
    missing = []
    for char in sorted(set(text) - IGNORED):
        point = ord(char)
        if info.font:
            font = WEB_FONTS[info.font]
            if any(point in r for r in css_ranges(font.stylesheet)):
                if point not in cmap(STATIC_DIR / font.woff2):
                    missing.append(f"{char!r} U+{point:04X} not in {font.woff2}")
                continue
        if point not in cmap(SYSTEM_STAND_IN):
            missing.append(f"{char!r} U+{point:04X} not in the system stand-in")
    assert not missing, f"{code}: {missing}"


def test_the_check_would_notice_a_missing_glyph() -> None:
    ethiopic = cmap(STATIC_DIR / WEB_FONTS["Noto Sans Ethiopic"].woff2)
    naskh = cmap(STATIC_DIR / WEB_FONTS["Noto Naskh Arabic"].woff2)
    assert ord("ት") in ethiopic and ord("ት") not in naskh
    assert ord("ښ") in naskh and ord("ښ") not in ethiopic  # Pashto letter
