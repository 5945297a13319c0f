"""Windows around a measure's start, the comparison sites, and the outcome of an item.

Months are counted as integers (``year * 12 + month - 1``). A measure that starts in
month m0 has

- a *before* window of ``window`` months ending with month m0 − 1,
- a *transition* that is left out: month m0 (a partly treated month) and the following
  months until ``transition`` months have passed and the roll-out is over,
- an *after* window of ``window`` months from there, ending early if the measure ended.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from . import notices

#: the good answer of each categorical item a measure can target, and its direction
#: (+1: a higher share is better; −1: lower is better, e.g. the referral gap)
SHARES = {"resolved": (1, 1), "communication": (1, 1), "referral": (4, -1)}
SCALE_TOP = 5
WINDOW = 6
TRANSITION = 1


class DesignError(ValueError):
    """A measure or a setting that allows no estimate; ``code`` is one of
    :mod:`.notices` (its English text is the message)."""

    def __init__(self, code: str) -> None:
        super().__init__(notices.ENGLISH[code])
        self.code = code


@dataclass(frozen=True)
class MeasureInfo:
    """A measure as plain data (``analysis`` knows no models)."""

    id: int
    site: str
    type: str
    label: str
    day: date
    items: tuple[str, ...]
    rollout_until: date | None = None
    end_day: date | None = None


@dataclass(frozen=True)
class Windows:
    pre: tuple[int, int]  # first and last month, inclusive
    post: tuple[int, int]
    start: int  # month of the start (event time 0)

    @property
    def span(self) -> tuple[int, int]:
        return self.pre[0], self.post[1]

    def months(self) -> range:
        return range(self.pre[0], self.post[1] + 1)


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_date(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def windows(measure: MeasureInfo, window: int = WINDOW, transition: int = TRANSITION) -> Windows:
    if window < 1:
        raise DesignError(notices.BAD_WINDOW)
    if transition < 0:
        raise DesignError(notices.BAD_TRANSITION)
    m0 = month_index(measure.day)
    partial = 1 if measure.day.day != 1 else 0
    last_transition = m0 + max(transition, partial) - 1
    if measure.rollout_until is not None:
        last_transition = max(last_transition, month_index(measure.rollout_until))
    post_end = last_transition + window
    if measure.end_day is not None:
        # only whole months in which the measure ran
        post_end = min(post_end, month_index(measure.end_day) - 1)
    if post_end <= last_transition:
        raise DesignError(notices.ENDED_EARLY)
    return Windows((m0 - window, m0 - 1), (last_transition + 1, post_end), m0)


def placebo_windows(real: Windows, window: int = WINDOW, transition: int = TRANSITION) -> Windows:
    """The same design with the start one window earlier; its after-window ends before
    the real start, so the real effect cannot leak into it."""
    start = real.start - window
    post = (start + transition, min(start + transition + window - 1, real.start - 1))
    if post[1] < post[0]:
        raise DesignError(notices.NO_PLACEBO_ROOM)
    return Windows((start - window, start - 1), post, start)


def active(measure: MeasureInfo, first: int, last: int) -> bool:
    """Whether the measure ran during some month of ``first``..``last``."""
    begin = month_index(measure.day)
    end = month_index(measure.end_day) if measure.end_day else None
    return begin <= last and (end is None or end >= first)


def comparison_sites(
    measure: MeasureInfo, measures: Iterable[MeasureInfo], sites: Sequence[str], span: Windows
) -> list[str]:
    """Sites other than the measure's with no measure of the same type in the windows."""
    first, last = span.span
    taken = {m.site for m in measures if m.type == measure.type and active(m, first, last)}
    return [s for s in sites if s != measure.site and s not in taken]


def other_measures(
    measure: MeasureInfo, measures: Iterable[MeasureInfo], span: Windows
) -> list[MeasureInfo]:
    """Other measures at the same site that ran during the windows."""
    first, last = span.span
    return [
        m
        for m in measures
        if m.site == measure.site and m.id != measure.id and active(m, first, last)
    ]


def metrics(item: str) -> list[tuple[str, int]]:
    """(metric, direction) of an item: ``top2`` and ``mean`` of a 1–5 item, ``share`` of
    the good answer (or of the gap, for ``referral``) of a categorical one."""
    if item in SHARES:
        return [("share", SHARES[item][1])]
    return [("top2", 1), ("mean", 1)]


def outcome(item: str, metric: str, value: int) -> float | None:
    """The outcome of one answer value (None: not a valid answer, e.g. not applicable)."""
    if value <= 0:
        return None
    if metric == "share":
        return 1.0 if value == SHARES[item][0] else 0.0
    if metric == "top2":
        return 1.0 if value >= SCALE_TOP - 1 else 0.0
    return float(value)
