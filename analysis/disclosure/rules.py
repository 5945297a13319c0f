"""The numbers of the promise, and how a protected count is printed."""

from __future__ import annotations

#: a cell with fewer answers shows no figures (primary suppression)
MIN_N = 10
#: a shown cell with fewer answers is flagged "limited reliability"
RELIABLE_N = 30
#: how a primary-suppressed n is printed
SUPPRESSED_N = "<10"
#: the narrowest interval an attacker can prove for a hidden count holds at least
#: this many counts (2–6, say; never "exactly 4" or "3 or 4")
PROTECTED_COUNTS = 5


def shown_n(n: int, primary: bool, secondary: bool) -> int | str | None:
    """n as printed: the number, ``"<10"`` (primary), or None (complementary)."""
    if primary:
        return SUPPRESSED_N
    if secondary:
        return None
    return n


def limited(n: int, hidden: bool) -> bool:
    """Shown, but with fewer answers than :data:`RELIABLE_N`."""
    return not hidden and n < RELIABLE_N
