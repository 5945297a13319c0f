"""Small numbers (docs/methodology.md §4): primary and secondary suppression.

- A cell with n < :data:`MIN_N` is suppressed (*primary*): no figures, and its n is
  shown only as ``"<10"``.
- A cell with n < :data:`RELIABLE_N` is shown but flagged "limited reliability".
- *Secondary* suppression: the network total is the sum of the site cells, for n
  and for every count of the distribution. If exactly one site cell of a total
  were hidden, "total minus the shown sites" would give it back. So a second
  cell is hidden as well: the shown site cell with the smallest n (ties broken
  by site order, so that the choice is reproducible). The total itself stays
  visible, since it is the figure the network is compared against. A cell hidden
  this way shows no n at all (``null``): it is not below 10, and printing its n
  would give the first one away.

The decision is always made on the complete table of all sites (whatever sites
a caller asks to see), so the union of all outputs for the same filter is one
protected table. Outputs for *different* requests (another ``--by``, date
range or channel) can still be differenced against each other, e.g. a quarter
minus two shown months; that is the known limit of cell suppression behind a
flexible query interface (see docs/analysis.md), and why those views are for
the provider and leads only.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

MIN_N = 10
RELIABLE_N = 30
SUPPRESSED_N = "<10"

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Decision(Generic[K]):
    """Which cells of one total-and-parts table are hidden, and why."""

    primary: frozenset[K]
    secondary: frozenset[K]
    total_hidden: bool

    def hidden(self, key: K) -> bool:
        return key in self.primary or key in self.secondary


def protect(parts: Mapping[K, int], total: int) -> Decision[K]:
    """Decide the suppression of the cells ``parts`` whose sum is ``total``.

    ``parts`` must be ordered (e.g. by site code): among cells of equal n the
    first one is chosen as complement.
    """
    if sum(parts.values()) != total:
        raise ValueError("the total must be the sum of its parts")
    primary = frozenset(k for k, n in parts.items() if n < MIN_N)
    if total < MIN_N:
        # every part is below MIN_N too, and so is hidden already
        return Decision(primary, frozenset(), True)
    secondary: frozenset[K] = frozenset()
    if len(primary) == 1:
        shown = [(n, index, k) for index, (k, n) in enumerate(parts.items()) if k not in primary]
        # total >= MIN_N > the one hidden part, so some other part exists
        _, _, complement = min(shown, key=lambda entry: (entry[0], entry[1]))
        secondary = frozenset([complement])
    return Decision(primary, secondary, False)


def shown_n(n: int, primary: bool, secondary: bool) -> int | str | None:
    """n as printed: the number, ``"<10"`` (primary), or None (secondary)."""
    if primary:
        return SUPPRESSED_N
    if secondary:
        return None
    return n


def limited(n: int, hidden: bool) -> bool:
    """Shown, but with fewer answers than :data:`RELIABLE_N`."""
    return not hidden and n < RELIABLE_N
