"""Where a sign-in may send the browser afterwards: a path on this site only."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

#: How often a target is percent-decoded while checking it (``%252F`` is ``%2F`` twice).
DECODE_ROUNDS = 3


def _is_local(value: str) -> bool:
    if not value.startswith("/") or value[1:2] in {"/", "\\"}:
        return False
    # Browsers drop tabs and newlines inside URLs and read "\" as "/":
    # "/\t/evil.example" and "/\evil.example" both lead off the site.
    if "\\" in value or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site (also once decoded), else None.

    ``next=%2F%2F%2F%2Fevil.example`` arrives as ``////evil.example``: refused,
    like ``//x``, ``\\x``, ``https://x`` and their percent-encoded forms.
    """
    if not target or len(target) > 2000:
        return None
    value = target
    for _ in range(DECODE_ROUNDS):
        if not _is_local(value):
            return None
        decoded = unquote(value)
        if decoded == value:
            return target
        value = decoded
    return None
