"""``analysis compare``: period B against period A, per site and for the network (GUIDE.md §B).

For every 1–5 item two rows: ``metric: "top2"`` (difference of top-2 shares,
Newcombe hybrid interval, pooled two-sided z-test) and ``metric: "mean"``
(difference of means, Welch interval and t-test, from the value
distributions). ``p_adj`` is Holm-adjusted over every row of the output that
has a ``p``. Periods that share a day are refused: the two sides are tested as
independent samples. A mean row where neither side varies has no interval and
no p-value; its ``note`` says why.

Suppression is that of the summary of each period (``--by all`` over its
dates): a row is suppressed when either side's cell is, and then carries no
figures; ``n_a``/``n_b`` are shown as the summary shows them.

Kiosk, online and paper answers differ by mode. When a site's mix of channels
moved by :data:`CHANNEL_SHIFT` or more (total variation distance) between the
periods, the comparison says so in ``warnings``, since a difference may then
come from the mode rather than from the office. Compare one channel at a time
(``channel=``) to take the mode out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Connection, Engine

from . import source, stats
from .cells import ALL, Cell, site_order
from .disclosure import MIN_N, SUPPRESSED_N, shown_n
from .disclosure.linked import answer_counters, filtered
from .summary import TOP_BOXES

METRICS = ("top2", "mean")
CHANNEL_SHIFT = 0.2


class OverlappingPeriods(source.SourceError):
    """Periods A and B share days: the tests would count those answers on both sides."""


def overlap(a: tuple[date, date], b: tuple[date, date]) -> tuple[date, date] | None:
    """The days that periods ``a`` and ``b`` share (first, last), or None."""
    first, last = max(a[0], b[0]), min(a[1], b[1])
    return (first, last) if first <= last else None


def refuse_overlap(a: tuple[date, date], b: tuple[date, date]) -> None:
    """:class:`OverlappingPeriods` when ``a`` and ``b`` share a day."""
    shared = overlap(a, b)
    if shared is not None:
        raise OverlappingPeriods(
            f"periods A ({a[0]} to {a[1]}) and B ({b[0]} to {b[1]}) overlap from {shared[0]} "
            f"to {shared[1]}; a comparison tests two independent samples, so the periods must "
            "not share a day"
        )


@dataclass(frozen=True)
class CompareRow:
    site: str
    item: str
    metric: str
    n_a: int | str | None
    n_b: int | str | None
    a: float | None = None
    b: float | None = None
    diff: float | None = None
    diff_low: float | None = None
    diff_high: float | None = None
    p: float | None = None
    p_adj: float | None = None
    suppressed: bool = False
    #: why a shown row has no interval or p (e.g. neither side varies)
    note: str | None = None


@dataclass(frozen=True)
class ChannelWarning:
    """The channel mix of a site moved between the periods.

    Only the size of the move is given (rounded to two decimals), not the shares
    per channel: those would be a site × channel breakdown outside the
    protected tables.
    """

    site: str
    #: total variation distance between the channel shares of A and B
    shift: float
    message: str


@dataclass(frozen=True)
class Comparison:
    a: dict[str, str]
    b: dict[str, str]
    rows: list[CompareRow] = field(default_factory=list)
    warnings: list[ChannelWarning] = field(default_factory=list)


def compare(
    bind: Connection | Engine,
    *,
    a: tuple[date, date],
    b: tuple[date, date],
    sites: Sequence[str] = (),
    questionnaire: str = "core@1",
    channel: str | None = None,
) -> Comparison:
    """Period ``b`` minus period ``a`` for ``sites`` (all when empty) and the network.

    Overlapping periods are refused (:class:`OverlappingPeriods`).
    """
    refuse_overlap(a, b)
    flt_a, flt_b = source.Filter(*a, channel), source.Filter(*b, channel)
    with source.connected(bind) as conn:
        qid = source.questionnaire_id(conn, questionnaire)
        wanted = set(source.site_ids(conn, sites)) if sites else None
        items = [i for i in source.items(conn, qid) if i.kind == "scale"]
        codes = source.sites(conn)
        counters = answer_counters(conn, qid, "all")
        side_a = filtered(*counters, flt_a, items, codes)
        side_b = filtered(*counters, flt_b, items, codes)
        mix = (
            {}
            if channel
            else {
                "a": _mix(source.channel_counts(conn, qid, flt_a), codes),
                "b": _mix(source.channel_counts(conn, qid, flt_b), codes),
            }
        )
    present = {key[0] for key in (*side_a, *side_b)} | {ALL}
    chosen = sorted(
        (s for s in present if wanted is None or s in wanted or s == ALL), key=site_order
    )
    rows = [
        difference_row(
            site,
            metric,
            side_a.get((site, "all", item.code)),
            side_b.get((site, "all", item.code)),
            item.code,
        )
        for site in chosen
        for item in items
        for metric in METRICS
    ]
    rows = holm_adjust(rows)
    warnings = _warnings(mix, chosen) if mix else []
    return Comparison(date_range(a), date_range(b), rows, warnings)


def date_range(period: tuple[date, date]) -> dict[str, str]:
    return {"from": period[0].isoformat(), "to": period[1].isoformat()}


def _shown(cell: Cell | None) -> int | str | None:
    if cell is None:  # no answers at all in this period
        return SUPPRESSED_N
    return shown_n(cell.n, cell.primary, cell.secondary)


def difference_row(site: str, metric: str, a: Cell | None, b: Cell | None, item: str) -> CompareRow:
    row = CompareRow(site, item, metric, _shown(a), _shown(b))
    if a is None or b is None or a.hidden or b.hidden:
        return replace(row, suppressed=True)
    if metric == "top2":
        top = a.item.max_value - TOP_BOXES + 1
        x_a = sum(c for v, c in a.dist.items() if v >= top)
        x_b = sum(c for v, c in b.dist.items() if v >= top)
        value_a, value_b = x_a / a.n, x_b / b.n
        result = stats.share_difference(x_a, a.n, x_b, b.n)
    else:
        value_a = sum(v * c for v, c in a.dist.items()) / a.n
        value_b = sum(v * c for v, c in b.dist.items()) / b.n
        result = stats.mean_difference(a.dist, b.dist)
    return replace(
        row,
        a=value_a,
        b=value_b,
        diff=result.diff,
        diff_low=result.low,
        diff_high=result.high,
        p=result.p,
        note=result.note,
    )


def holm_adjust(rows: list[CompareRow]) -> list[CompareRow]:
    """Holm over every row with a p-value."""
    tested = [k for k, r in enumerate(rows) if r.p is not None]
    adjusted = stats.holm([rows[k].p for k in tested])  # type: ignore[misc]
    out = list(rows)
    for k, p_adj in zip(tested, adjusted, strict=True):
        out[k] = replace(rows[k], p_adj=p_adj)
    return out


def _mix(counts: dict[tuple[int, str], int], codes: dict[int, str]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(source.CHANNELS, 0))
    for (site_id, channel), n in counts.items():
        out[codes[site_id]][channel] += n
        out[ALL][channel] += n
    return dict(out)


def _warnings(mix: dict[str, dict[str, dict[str, int]]], sites: list[str]) -> list[ChannelWarning]:
    out = []
    for site in sites:
        counts_a, counts_b = mix["a"].get(site), mix["b"].get(site)
        if not counts_a or not counts_b:
            continue
        if min(sum(counts_a.values()), sum(counts_b.values())) < MIN_N:
            continue
        total_a, total_b = sum(counts_a.values()), sum(counts_b.values())
        share_a = {c: n / total_a for c, n in counts_a.items()}
        share_b = {c: n / total_b for c, n in counts_b.items()}
        shift = sum(abs(share_b[c] - share_a[c]) for c in source.CHANNELS) / 2
        if shift >= CHANNEL_SHIFT:
            message = (
                "the mix of channels (kiosk, online, paper) changed between the periods; "
                "a difference may come from the mode of answering: compare per channel"
            )
            out.append(ChannelWarning(site, round(shift, 2), message))
    return out
