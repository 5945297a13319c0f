"""k-anonymity for the month-level export that office staff get (docs/access-control.md).

The quasi-identifiers of a response are site × month × channel × locale × topic
(METHODOLOGY.md §4). In the staff file every combination of them holds at least
:data:`K` responses, reached as sdcMicro does it, by recoding and then leaving out:

1. in every combination with fewer than ``K`` responses the locale becomes
   :data:`OTHER` (rare languages are pooled);
2. in every combination still below ``K`` the topic becomes :data:`OTHER` too;
3. the responses of combinations still below ``K`` are left out.

The plan works on counts per combination (:func:`plan`); the exporter applies
it to the rows and counts what it changed (:class:`Recoding`), which the
codebook states.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

#: the smallest number of responses that may share one combination of quasi-identifiers
K = 10
#: what a recoded locale or topic shows
OTHER = "other"
QUASI_IDENTIFIERS = ("site", "month", "channel", "locale", "topic")
#: positions in a key, in the order they are recoded
LOCALE, TOPIC = 3, 4

#: (site, month "YYYY-MM", channel, locale, topic ("" = not answered, "1"…, or OTHER))
Key = tuple[str, str, str, str, str]


@dataclass
class Recoding:
    """What the anonymisation did to one export (written into its codebook)."""

    k: int = K
    #: responses selected, before anything was left out
    selected: int = 0
    #: responses whose locale (or topic) shows OTHER
    locale_recoded: int = 0
    topic_recoded: int = 0
    #: responses left out because their combination stayed below k
    left_out: int = 0

    @property
    def written(self) -> int:
        return self.selected - self.left_out


def _recode(key: Key, position: int) -> Key:
    fields = list(key)
    fields[position] = OTHER
    return (fields[0], fields[1], fields[2], fields[3], fields[4])


def _classes(mapping: Mapping[Key, Key | None], counts: Mapping[Key, int]) -> Counter[Key]:
    sizes: Counter[Key] = Counter()
    for key, n in counts.items():
        target = mapping[key]
        if target is not None:
            sizes[target] += n
    return sizes


def plan(counts: Mapping[Key, int], k: int = K) -> dict[Key, Key | None]:
    """Original combination → the combination it is written as, or None (left out).

    Every combination that is written holds at least ``k`` responses.
    """
    mapping: dict[Key, Key | None] = {key: key for key in counts}
    for position in (LOCALE, TOPIC):
        sizes = _classes(mapping, counts)
        for key, target in mapping.items():
            if target is not None and sizes[target] < k:
                mapping[key] = _recode(target, position)
    sizes = _classes(mapping, counts)
    for key, target in mapping.items():
        if target is not None and sizes[target] < k:
            mapping[key] = None
    return mapping


def smallest_class(keys: list[Key]) -> int:
    """The size of the smallest combination among written rows (0 for none): the k reached."""
    sizes = Counter(keys)
    return min(sizes.values()) if sizes else 0
