"""The disclosure policy: what every output may show (docs/methodology.md, "Disclosure control").

- :mod:`.rules`: the numbers of the promise (10 answers, five possible counts);
- :mod:`.family`: one total and its parts (sites of the network, groups of a
  breakdown): primary and complementary suppression, checked against what an
  attacker can prove from the total and the shown parts;
- :mod:`.linked`: the same decision wherever a cell appears, as a part of a
  breakdown or as the figure of a filtered view.
"""

from .family import Decision, bounds, protect
from .rules import MIN_N, PROTECTED_COUNTS, RELIABLE_N, SUPPRESSED_N, limited, shown_n

__all__ = [
    "MIN_N",
    "PROTECTED_COUNTS",
    "RELIABLE_N",
    "SUPPRESSED_N",
    "Decision",
    "bounds",
    "limited",
    "protect",
    "shown_n",
]
