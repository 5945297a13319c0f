"""Alerts: does a site's share among its last N answers cross a threshold?

Two kinds of rule (issue 8, docs/methodology.md §2):

- ``csat_below``: the CSAT share (4 or 5 on ``overall``) among the last N answers
  to ``overall`` lies below the threshold;
- ``referral_gap_above``: the share of ``referral = 4`` ("nein, hätte ich
  gebraucht") among the last N answers to ``referral`` lies above it.

"The last N answers" are read from the day tally, newest day first: whole days
are taken until they hold at least N answers, so the window may hold a few more
than N (the answers of one day are not ordered: the tallies keep no times, and
none are shown). A rule is never evaluated on fewer than :data:`MIN_N` answers
(the small-number rule); between 10 and 29 answers the result is flagged
"limited reliability". The share comes with its Wilson interval; whether the
rule fires is decided on the share itself, the interval shows how sure it is.

:func:`evaluate` is pure: counts per day in, :class:`Evaluation` out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from . import stats
from .suppression import MIN_N, RELIABLE_N

DEFAULT_LAST_N = 50
#: a window smaller than this says too little to raise an alarm
MIN_LAST_N = 30


@dataclass(frozen=True)
class Kind:
    """What a kind of rule counts: answers ``counted`` among the valid answers
    (1..``max_value``) to ``item``; fires above or below the threshold."""

    item: str
    counted: frozenset[int]
    max_value: int
    above: bool


KINDS: dict[str, Kind] = {
    "csat_below": Kind("overall", frozenset({4, 5}), 5, above=False),
    "referral_gap_above": Kind("referral", frozenset({4}), 4, above=True),
}


class RuleError(ValueError):
    """A rule that cannot be evaluated as given."""


@dataclass(frozen=True)
class Rule:
    kind: str
    #: a share between 0 and 1
    threshold: float
    last_n: int = DEFAULT_LAST_N

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise RuleError(f"unknown kind of rule {self.kind!r}: one of {', '.join(KINDS)}")
        if not 0 < self.threshold < 1:
            raise RuleError("the threshold is a share strictly between 0 and 1")
        if self.last_n < MIN_LAST_N:
            raise RuleError(f"a rule looks at the last {MIN_LAST_N} answers at least")

    @property
    def item(self) -> str:
        return KINDS[self.kind].item


@dataclass(frozen=True)
class Evaluation:
    rule: Rule
    #: valid answers in the window (whole days: may be more than ``rule.last_n``)
    n: int
    #: n ≥ MIN_N: the rule was evaluated; otherwise no figures
    evaluated: bool
    share: float | None = None
    low: float | None = None
    high: float | None = None
    #: the oldest and newest day of the window
    first_day: date | None = None
    last_day: date | None = None
    firing: bool = False

    @property
    def limited(self) -> bool:
        return self.evaluated and self.n < RELIABLE_N


#: (day, answer value, count): the day tally's rows of the rule's item
DayCount = tuple[date, int, int]


def window(rows: Iterable[DayCount], kind: Kind, last_n: int) -> list[tuple[date, dict[int, int]]]:
    """The newest whole days holding at least ``last_n`` valid answers (all, if fewer),
    newest first, as day → counts per value."""
    days: dict[date, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for day, value, n in rows:
        if 1 <= value <= kind.max_value and n > 0:
            days[day][value] += n
    taken: list[tuple[date, dict[int, int]]] = []
    total = 0
    for day in sorted(days, reverse=True):
        if total >= last_n:
            break
        taken.append((day, dict(days[day])))
        total += sum(days[day].values())
    return taken


def evaluate(rule: Rule, rows: Sequence[DayCount]) -> Evaluation:
    """Evaluate ``rule`` on the day counts of its item (rows in any order)."""
    kind = KINDS[rule.kind]
    days = window(rows, kind, rule.last_n)
    n = sum(sum(counts.values()) for _, counts in days)
    if n < MIN_N:
        return Evaluation(rule, n, evaluated=False)
    x = sum(c for _, counts in days for v, c in counts.items() if v in kind.counted)
    share, low, high = (float(a[0]) for a in stats.wilson(x, n))
    firing = share > rule.threshold if kind.above else share < rule.threshold
    return Evaluation(
        rule,
        n,
        evaluated=True,
        share=share,
        low=low,
        high=high,
        first_day=days[-1][0],
        last_day=days[0][0],
        firing=firing,
    )
