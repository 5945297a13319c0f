"""How the 1–5 scale was shown when a response was given: its presentation version.

A change of presentation can change answers (faces pull answers differently from
numbers and words), so every response records the version it was given under and
analyses can show the break. The provider switches a site's version
(``Site.scale_presentation``: admin page ``/admin/presentation`` and
``flask sites presentation CODE faces|words``); the kiosk and the online form
take the version from that setting, server-side.
"""

from __future__ import annotations

#: The kiosk before migration 0021: faces and words, no numbers (never offered again).
KIOSK_FACES_NO_NUMBERS = 0
#: Numbers and words only (the online form before 0021).
WORDS = 1
#: Faces beside the numbers and the words.
FACES = 2

#: What a site can be set to, by the names the CLI and the export use.
CHOICES: dict[str, int] = {"words": WORDS, "faces": FACES}
#: What a client may say it showed (a kiosk sends its bundle's version).
OFFERED = frozenset(CHOICES.values())
#: Every version a stored response may carry (``NULL``: paper or CSV import, not known).
KNOWN = frozenset({KIOSK_FACES_NO_NUMBERS, WORDS, FACES})
#: New sites show faces from their first answer (no history to break).
NEW_SITE_DEFAULT = FACES


def name_of(version: int | None) -> str:
    """The version's name in exports and on the admin page ("" when not recorded)."""
    if version is None:
        return ""
    if version == KIOSK_FACES_NO_NUMBERS:
        return "kiosk-faces-no-numbers"
    return next(name for name, value in CHOICES.items() if value == version)


def parse_choice(text: str) -> int:
    """A site setting from its name (``faces`` / ``words``) or number; ValueError otherwise."""
    key = text.strip().lower()
    if key in CHOICES:
        return CHOICES[key]
    if key.isdigit() and int(key) in CHOICES.values():
        return int(key)
    raise ValueError(f"unknown presentation {text!r}: use {' or '.join(CHOICES)}")


def shows_faces(version: int) -> bool:
    return version == FACES
