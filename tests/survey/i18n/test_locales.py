from __future__ import annotations

import pytest
from babel import Locale

from survey.i18n import locales
from survey.i18n.selection import choose, from_header_tag

METHODOLOGY_CODES = [
    "de",
    "de-easy",
    "en",
    "ar",
    "fa",
    "fa-AF",
    "ps",
    "ckb",
    "ku",
    "ti",
    "tr",
    "ru",
    "uk",
    "so",
    "fr",
    "es",
    "ro",
    "pl",
]


def test_the_18_locales_of_the_methodology_in_order() -> None:
    assert list(locales.CODES) == METHODOLOGY_CODES


def test_right_to_left_exactly_for_arabic_script() -> None:
    rtl = {info.code for info in locales.LOCALES if info.rtl}
    assert rtl == {"ar", "fa", "fa-AF", "ps", "ckb"}
    for info in locales.LOCALES:
        assert info.direction == Locale.parse(info.babel).character_order.split("-")[0].replace(
            "right", "rtl"
        ).replace("left", "ltr")


@pytest.mark.parametrize(
    ("code", "native"),
    [("ar", "العربية"), ("ti", "ትግርኛ"), ("de-easy", "Leichte Sprache"), ("fa-AF", "دری")],
)
def test_native_names_in_own_script(code: str, native: str) -> None:
    assert locales.get(code).native == native


def test_catalog_folders_for_locales_babel_does_not_know() -> None:
    assert locales.get("de-easy").catalog == "de_easy"
    assert locales.get("de-easy").html_lang == "de"
    assert locales.get("fa-AF").catalog == "fa_AF"
    for info in locales.LOCALES:
        Locale.parse(info.babel)  # every locale formats numbers through a real Babel locale


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("fa-AF", "fa-AF"),
        ("fa_AF", "fa-AF"),
        ("FA-af", "fa-AF"),
        ("de_easy", "de-easy"),
        ("ckb", "ckb"),
        (" ti ", "ti"),
        ("xx", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize(raw: str | None, code: str | None) -> None:
    assert locales.normalize(raw) == code


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("ar-SY", "ar"),
        ("de-DE", "de"),
        ("prs", "fa-AF"),
        ("fa-AF", "fa-AF"),
        ("ckb-IQ", "ckb"),
        ("kmr", "ku"),
        ("ti-ER", "ti"),
        ("zh-CN", None),
    ],
)
def test_accept_language_tags(tag: str, code: str | None) -> None:
    assert from_header_tag(tag) == code


def test_persian_digits() -> None:
    assert locales.localize_digits("365", locales.get("fa")) == "۳۶۵"
    assert locales.localize_digits("365", locales.get("ckb")) == "٣٦٥"
    assert locales.localize_digits("365", locales.get("ar")) == "365"


BASE = {"explicit": None, "cookie": None, "site_default": None, "accept": ()}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, "de"),
        ({"accept": ["fr-FR", "en"]}, "fr"),
        ({"accept": ["zh", "ti"]}, "ti"),
        ({"site_default": "tr", "accept": ["fr"]}, "tr"),
        ({"cookie": "uk", "site_default": "tr", "accept": ["fr"]}, "uk"),
        ({"explicit": "fa_AF", "cookie": "uk", "site_default": "tr", "accept": ["fr"]}, "fa-AF"),
        ({"explicit": "xx", "cookie": "uk"}, "uk"),
        ({"explicit": "xx", "cookie": "yy", "accept": ["ps"]}, "ps"),
    ],
)
def test_order_explicit_cookie_site_accept_default(given: dict, expected: str) -> None:
    assert choose(**{**BASE, **given}) == expected


def test_site_offer_restricts_every_step() -> None:
    offered = ["de", "ar", "en"]
    assert choose(**{**BASE, "explicit": "fr", "cookie": "ar"}, offered=offered) == "ar"
    assert choose(**{**BASE, "cookie": "fr", "accept": ["en"]}, offered=offered) == "en"
    assert choose(**BASE, offered=["ar", "en"]) == "ar"  # German not offered: the site's first
    assert choose(**BASE, fallback="en") == "en"
