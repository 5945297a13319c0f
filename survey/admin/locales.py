"""The public locale codes of METHODOLOGY.md §5, in the order of a site's picker."""

from __future__ import annotations

LOCALE_CODES = (
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
)
