"""Scrubbing free text before it is stored (METHODOLOGY.md §6).

A minimal stand-in with the shared signature: it is replaced by the full
scrubber (names after titles, file numbers, …) when the branches merge.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)\+?\d[\d /()-]{6,}\d(?!\w)")


def scrub(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers replaced by placeholders."""
    text = EMAIL.sub("[E-Mail]", text)
    return PHONE.sub("[Telefon]", text)
