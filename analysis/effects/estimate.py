"""The effect of one measure: per targeted item and metric, the difference-in-differences,
its placebo start, the event study, the channel and topic mix, and what threatens it.

Small numbers (docs/methodology.md §4): an estimate needs at least 10 answers of the
measure's site before and after (else it is suppressed, and n shows as "<10"); an event-
study month of the site with fewer than 10 answers shows no coefficient, and the months of
each window are protected together against their window's total (secondary suppression).
A mix share is shown only where the category's count may be shown, and the size of a mix
change only when every category may be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..deferred import deferred
from ..suppression import MIN_N, limited, protect, shown_n
from . import did as did_
from . import notices
from .design import (
    TRANSITION,
    WINDOW,
    DesignError,
    MeasureInfo,
    Windows,
    comparison_sites,
    metrics,
    month_date,
    other_measures,
    placebo_windows,
    windows,
)
from .notices import Notice

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = deferred("pandas")


Z = 1.959963984540054
#: fewer comparison sites than this are reported as a threat
MIN_COMPARISON = 3
#: a mix whose shares moved by more than this (total variation distance) is flagged
MIX_SHIFT = 0.1


@dataclass(frozen=True)
class MixShare:
    dimension: str  # "channel" or "topic"
    category: str
    pre: float | None
    post: float | None


@dataclass(frozen=True)
class EventRow:
    measure: int
    item: str
    metric: str
    k: int
    month: str
    n: int | str | None
    estimate: float | None
    low: float | None
    high: float | None


@dataclass
class EffectRow:
    measure: int
    site: str
    type: str
    label: str
    start: str
    item: str
    metric: str
    #: +1: higher is better; −1: lower is better (the referral gap)
    direction: int
    pre_from: str
    post_to: str
    n_pre: int | str | None
    n_post: int | str | None
    comparison_sites: int
    suppressed: bool = False
    limited: bool = False
    pre: float | None = None
    post: float | None = None
    estimate: float | None = None
    low: float | None = None
    high: float | None = None
    se: float | None = None
    #: the standard error the shown interval implies, (high − low) / (2 · 1.96): from the
    #: wild cluster bootstrap when it ran, else ``se``; what the pooled estimate uses
    se_interval: float | None = None
    p: float | None = None
    p_adj: float | None = None
    #: site-clustered inference (one treated cluster: for comparison only)
    se_site: float | None = None
    p_site_bootstrap: float | None = None
    estimate_unadjusted: float | None = None
    placebo: float | None = None
    placebo_low: float | None = None
    placebo_high: float | None = None
    placebo_p: float | None = None
    pre_trend: bool | None = None
    channel_shift: float | None = None
    topic_shift: float | None = None
    #: the notices in English (as before), and as codes with their values (to translate)
    warnings: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def warn(self, code: str, **values: str | int | float | bool) -> None:
        notice = Notice(code, values)
        self.notices.append(notice)
        self.warnings.append(notices.english(notice))


@dataclass
class MeasureEffect:
    rows: list[EffectRow]
    events: list[EventRow]
    mix: dict[str, list[MixShare]]


def _mix(
    frame: pd.DataFrame, site: str, win: Windows, dimension: str
) -> tuple[list[MixShare], float | None]:
    own = frame[frame["site"] == site]
    parts = {}
    for name, (first, last) in (("pre", win.pre), ("post", win.post)):
        rows = own[(own["month"] >= first) & (own["month"] <= last)]
        parts[name] = {str(k): int(v) for k, v in rows.groupby(dimension)["n"].sum().items()}
    categories = sorted(set(parts["pre"]) | set(parts["post"]))
    shown: dict[str, dict[str, float | None]] = {}
    complete = True
    for name, counts in parts.items():
        total = sum(counts.values())
        decision = protect({c: counts.get(c, 0) for c in categories if counts.get(c)}, total)
        complete &= not decision.primary and not decision.secondary
        shown[name] = {
            c: None if decision.hidden(c) or total < MIN_N else counts.get(c, 0) / total
            for c in categories
        }
    shares = [MixShare(dimension, c, shown["pre"][c], shown["post"][c]) for c in categories]
    if not complete:
        return shares, None
    shift = 0.5 * sum(abs((s.pre or 0.0) - (s.post or 0.0)) for s in shares)
    return shares, shift


def _events(
    measure: MeasureInfo, item: str, metric: str, points: Sequence[did_.EventPoint], win: Windows
) -> list[EventRow]:
    by_k = {p.k: p for p in points}
    hidden: set[int] = set()
    shown: dict[int, int | str | None] = {}
    for first, last in (win.pre, win.post):
        ks = [m - win.start for m in range(first, last + 1) if m - win.start in by_k]
        parts = {k: by_k[k].n for k in ks if by_k[k].n}
        decision = protect(parts, sum(parts.values()))
        for k in parts:
            shown[k] = shown_n(parts[k], k in decision.primary, k in decision.secondary)
            if decision.hidden(k):
                hidden.add(k)
    rows = []
    for p in points:
        if p.k not in shown:  # a transition month, alone
            shown[p.k] = shown_n(p.n, p.n < MIN_N, False)
            if p.n < MIN_N:
                hidden.add(p.k)
        off = p.k in hidden
        rows.append(
            EventRow(
                measure.id,
                item,
                metric,
                p.k,
                month_date(win.start + p.k).strftime("%Y-%m"),
                shown[p.k],
                None if off else p.estimate,
                None if off else p.low,
                None if off else p.high,
            )
        )
    return rows


def effect(
    cells: pd.DataFrame,
    measure: MeasureInfo,
    measures: Sequence[MeasureInfo],
    sites: Sequence[str],
    *,
    window: int = WINDOW,
    transition: int = TRANSITION,
    adjust: bool = True,
    bootstrap: bool = True,
) -> MeasureEffect:
    """Everything about one measure. ``cells``: month tally with columns site, month
    (integer, see :func:`.design.month_index`), channel, topic, item, value, n."""
    win = windows(measure, window, transition)
    comparison = comparison_sites(measure, measures, sites, win)
    others = other_measures(measure, measures, win)
    try:
        placebo_win: Windows | None = placebo_windows(win, window, transition)
    except DesignError:
        placebo_win = None
    placebo_comparison = (
        comparison_sites(measure, measures, sites, placebo_win) if placebo_win else []
    )
    rows: list[EffectRow] = []
    events: list[EventRow] = []
    mix: dict[str, list[MixShare]] = {}
    for item in measure.items:
        for metric, direction in metrics(item):
            frame = did_.outcome_cells(cells, item, metric)
            row = EffectRow(
                measure.id,
                measure.site,
                measure.type,
                measure.label,
                measure.day.isoformat(),
                item,
                metric,
                direction,
                month_date(win.pre[0]).strftime("%Y-%m"),
                month_date(win.post[1]).strftime("%Y-%m"),
                0,
                0,
                len(comparison),
            )
            rows.append(row)
            _fill(row, frame, measure, comparison, win, adjust, bootstrap)
            if others:
                row.warn(
                    notices.OTHER_MEASURES,
                    measures=", ".join(f"{m.label} ({m.day.isoformat()})" for m in others),
                )
            if row.suppressed or row.estimate is None:
                continue
            if placebo_win is not None:
                placebo = did_.did(
                    frame,
                    measure.site,
                    placebo_comparison,
                    placebo_win,
                    adjust=adjust,
                    bootstrap=bootstrap,
                    by_site_bootstrap=False,
                )
                if placebo is not None and min(placebo.n_pre, placebo.n_post) >= MIN_N:
                    inference = placebo.bootstrap if placebo.bootstrap else placebo.fit
                    row.placebo, row.placebo_p = placebo.fit.beta, inference.p
                    row.placebo_low, row.placebo_high = inference.low, inference.high
                    row.pre_trend = inference.p < 0.05
            if row.pre_trend is None:
                row.warn(notices.NO_PLACEBO)
            elif row.pre_trend:
                row.warn(notices.PRE_TREND)
            points = did_.event_study(frame, measure.site, comparison, win, adjust=adjust)
            events += _events(measure, item, metric, points, win)
            for dimension in ("channel", "topic"):
                shares, shift = _mix(frame, measure.site, win, dimension)
                mix.setdefault(f"{item}:{dimension}", shares)
                setattr(row, f"{dimension}_shift", shift)
                if shift is None:
                    row.warn(notices.MIX_HIDDEN, dimension=dimension, adjusted=adjust)
                elif shift > MIX_SHIFT:
                    row.warn(notices.MIX_CHANGED, dimension=dimension, shift=shift, adjusted=adjust)
    return MeasureEffect(rows, events, mix)


def _fill(
    row: EffectRow,
    frame: pd.DataFrame,
    measure: MeasureInfo,
    comparison: Sequence[str],
    win: Windows,
    adjust: bool,
    bootstrap: bool,
) -> None:
    if not comparison:
        row.warn(notices.NO_COMPARISON)
        return
    est = did_.did(frame, measure.site, comparison, win, adjust=adjust, bootstrap=bootstrap)
    if est is None:
        row.warn(notices.NO_ANSWERS)
        return
    small = min(est.n_pre, est.n_post) < MIN_N
    row.n_pre = shown_n(est.n_pre, est.n_pre < MIN_N, False)
    row.n_post = shown_n(est.n_post, est.n_post < MIN_N, False)
    row.comparison_sites = est.comparison
    if small:
        row.suppressed = True
        return
    row.limited = limited(min(est.n_pre, est.n_post), False)
    row.pre, row.post = est.pre, est.post
    row.estimate, row.se, row.p = est.fit.beta, est.fit.se, est.fit.p
    row.low, row.high = est.fit.low, est.fit.high
    row.se_interval = est.fit.se
    if est.bootstrap is not None and est.bootstrap.draws:
        row.p, row.low, row.high = est.bootstrap.p, est.bootstrap.low, est.bootstrap.high
        row.se_interval = (row.high - row.low) / (2 * Z)
    row.se_site = est.by_site.se
    row.p_site_bootstrap = est.site_bootstrap.p if est.site_bootstrap else None
    if adjust:
        plain = did_.did(frame, measure.site, comparison, win, adjust=False, bootstrap=False)
        row.estimate_unadjusted = plain.fit.beta if plain else None
    if est.comparison < MIN_COMPARISON:
        row.warn(notices.FEW_COMPARISON, sites=est.comparison)
