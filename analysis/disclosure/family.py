"""One table of a total and its parts: which parts are hidden.

The parts are the sites of the network (the total is ``ALL``) or the groups of
a breakdown (channels, languages, topics of one site; the total is the site's
figure shown on the same page). The total is always shown when it has at least
:data:`~.rules.MIN_N` answers.

- *Primary*: a part with fewer than ``MIN_N`` answers is hidden.
- *Complementary*: more parts are hidden until the attacker's best proof leaves
  every hidden part an interval of at least :data:`~.rules.PROTECTED_COUNTS`
  possible counts, the hidden parts together hold at least ``MIN_N`` answers,
  and (for a 1–5 item) the hidden answers are neither provably all nor provably
  none in the top two.

The attacker knows the total, every shown part, and for each hidden part the
box it lies in: ``0..9`` for a primary one, ``10..∞`` for a complementary one,
and ``10..29`` while some shown part is below 30 (complements are taken from
the parts below 30 first, and an attacker may know that rule). With one
equation (total = Σ parts) and boxes, the linear program's bounds have a
closed form (:func:`bounds`); the tests check it against ``linprog``.

If even with every part hidden the marks ("fewer than 10" or "hidden to
protect") would narrow a part too far, every part is marked alike, as a
complement (no "fewer than 10").

Complements are *not* chosen by size (the smallest shown part would be pinned
between ``MIN_N`` and the next shown one), but in a fixed pseudo-random order
of their keys within the two size bands, so the same group is preferred in
every period and page.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .rules import MIN_N, PROTECTED_COUNTS, RELIABLE_N

K = TypeVar("K", bound=Hashable)
Box = tuple[float, float]


@dataclass(frozen=True)
class Decision(Generic[K]):
    """Which parts of one total-and-parts table are hidden, and why."""

    primary: frozenset[K]
    secondary: frozenset[K]
    total_hidden: bool

    def hidden(self, key: K) -> bool:
        return key in self.primary or key in self.secondary


def box(n: int, capped: bool = False) -> Box:
    """What an attacker may assume about a hidden part of size ``n``: below
    ``MIN_N`` for a primary one; for a complementary one at least ``MIN_N``, and
    below ``RELIABLE_N`` when ``capped`` (a shown part below ``RELIABLE_N`` tells
    that every complement was taken from that band)."""
    if n < MIN_N:
        return (0.0, MIN_N - 1.0)
    if n < RELIABLE_N and capped:
        return (float(MIN_N), RELIABLE_N - 1.0)
    return (float(MIN_N), math.inf)


def bounds(boxes: Sequence[Box], hidden_sum: float) -> list[Box]:
    """The narrowest interval the attacker proves for each hidden part, from the
    parts' boxes and their known sum (total minus the shown parts)."""
    lows = sum(low for low, _ in boxes)
    finite_high = sum(high for _, high in boxes if math.isfinite(high))
    infinite = sum(1 for _, high in boxes if not math.isfinite(high))
    out = []
    for low, high in boxes:
        others_low = lows - low
        if math.isfinite(high):
            others_high = math.inf if infinite else finite_high - high
        else:
            others_high = math.inf if infinite > 1 else finite_high
        out.append((max(low, hidden_sum - others_high), min(high, hidden_sum - others_low)))
    return out


def protected(
    hidden: Collection[K],
    parts: Mapping[K, int],
    tops: Mapping[K, int] | None = None,
    total: int | None = None,
    total_top: int | None = None,
) -> bool:
    """Whether the hidden parts meet the promise (see the module's docstring)."""
    if not hidden:
        return True
    keys = list(hidden)
    hidden_sum = sum(parts[k] for k in keys)
    if hidden_sum < MIN_N:
        return False
    capped = any(n < RELIABLE_N for k, n in parts.items() if k not in hidden)
    for low, high in bounds([box(parts[k], capped) for k in keys], hidden_sum):
        if high - low < PROTECTED_COUNTS - 1:
            return False
    if tops is None or total is None or total_top is None or total_top in (0, total):
        # a total that is all or none in the top two says so of every part: nothing
        # a choice of hidden parts could change
        return True
    hidden_top = sum(tops[k] for k in keys)
    return 0 < hidden_top < hidden_sum


def order(key: Hashable) -> str:
    """A fixed pseudo-random rank of a key (the same in every process)."""
    return hashlib.blake2b(repr(key).encode(), digest_size=8).hexdigest()


def protect(
    parts: Mapping[K, int],
    total: int,
    *,
    tops: Mapping[K, int] | None = None,
    forced: Collection[K] = (),
) -> Decision[K]:
    """Decide the suppression of the parts ``parts`` whose sum is ``total``.

    ``tops`` are the parts' answers in the top two (1–5 items; their sum is the
    total's); ``forced`` are parts hidden already by another table they belong to.
    """
    if sum(parts.values()) != total:
        raise ValueError("the total must be the sum of its parts")
    primary = frozenset(k for k, n in parts.items() if n < MIN_N)
    if total < MIN_N:
        # every part is below MIN_N too, and so is hidden already
        return Decision(primary, frozenset(forced) - primary, True)
    hidden = set(primary) | set(forced)
    if not hidden:
        return Decision(primary, frozenset(), False)
    total_top = sum(tops.values()) if tops is not None else None
    candidates = sorted(
        (k for k in parts if k not in hidden),
        key=lambda k: (parts[k] >= RELIABLE_N, order(k)),
    )
    while not protected(hidden, parts, tops, total, total_top) and candidates:
        hidden.add(candidates.pop(0))
    if not protected(hidden, parts, tops, total, total_top):
        # every part hidden, and "<10" next to "hidden to protect" still tells too
        # much: all are marked alike, which leaves each part anywhere in 0..total
        return Decision(frozenset(), frozenset(parts), False)
    return Decision(primary, frozenset(hidden) - primary, False)
