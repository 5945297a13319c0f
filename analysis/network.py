"""Sites against each other within one period.

- :func:`versus_rest`: each site against the rest of the network (network minus
  the site) on every 1–5 item, top-2 share (Newcombe, pooled z) and mean
  (Welch). This is a screen over many sites and items: rows carry the raw
  ``p``, the Holm-adjusted ``p_adj`` (family-wise, over every row with a p)
  and, for exploratory reading, the Benjamini–Hochberg ``p_bh`` (false
  discovery rate), named as such.
- :func:`across_sites`: several sites at once on one item: Pearson χ² on the
  sites × answer values table; where an expected count is below 5 it says so,
  and a 2×2 table is tested with Fisher's exact test instead. The
  multiple-choice ``improve`` is not one table (a respondent names up to three
  options, so mention counts are not independent observations): each option
  is tested on its own, respondents who named it against those who did not,
  across the sites, and the options' p-values are Holm-adjusted.

Both use the summary's cells of the period (``by="all"``), so the small-number
rules are the same: a hidden site cell takes no part; the rest of the network
is shown only when the site and the network are (then it is their difference,
which reveals nothing new) and has at least 10 answers itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from sqlalchemy import Connection, Engine

from . import source, stats
from .cells import ALL, Cell
from .compare import METRICS, date_range, difference_row, holm_adjust
from .disclosure import MIN_N
from .disclosure.linked import answer_counters, filtered


@dataclass(frozen=True)
class VersusRow:
    """A :class:`CompareRow` where ``a`` is the rest of the network and ``b`` the site,
    plus ``p_bh``; ``note`` comes last, so the columns before it stay where they were."""

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
    p_bh: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class Versus:
    period: dict[str, str]
    #: "a" is the rest of the network, "b" the site
    a: str = "rest of network"
    b: str = "site"
    rows: list[VersusRow] = field(default_factory=list)


def _cells(
    conn: Connection, questionnaire: str, period: tuple[date, date], channel: str | None
) -> tuple[list[source.ItemInfo], dict[tuple[str, str, str], Cell]]:
    qid = source.questionnaire_id(conn, questionnaire)
    items = source.items(conn, qid)
    flt = source.Filter(*period, channel)
    return items, filtered(*answer_counters(conn, qid, "all"), flt, items, source.sites(conn))


def _rest(site: Cell, network: Cell) -> Cell:
    n = network.n - site.n
    dist = {v: network.dist[v] - site.dist[v] for v in network.dist}
    if site.hidden or network.hidden:  # its n would give the site's away: show none
        return Cell("rest", site.period, site.item, n, dist, False, True)
    return Cell("rest", site.period, site.item, n, dist, n < MIN_N, False)


def versus_rest(
    bind: Connection | Engine,
    *,
    period: tuple[date, date],
    sites: Sequence[str] = (),
    questionnaire: str = "core@1",
    channel: str | None = None,
) -> Versus:
    with source.connected(bind) as conn:
        wanted = set(source.site_ids(conn, sites)) if sites else None
        items, cells = _cells(conn, questionnaire, period, channel)
    scale = [i for i in items if i.kind == "scale"]
    codes = sorted({k[0] for k in cells if k[0] != ALL and (wanted is None or k[0] in wanted)})
    rows = []
    for code in codes:
        for item in scale:
            site = cells[(code, "all", item.code)]
            rest = _rest(site, cells[(ALL, "all", item.code)])
            rows.extend(difference_row(code, m, rest, site, item.code) for m in METRICS)
    rows = holm_adjust(rows)
    tested = [k for k, r in enumerate(rows) if r.p is not None]
    bh = dict(zip(tested, stats.benjamini_hochberg([rows[k].p for k in tested]), strict=True))  # type: ignore[misc]
    out = [VersusRow(**asdict(row), p_bh=bh.get(k)) for k, row in enumerate(rows)]
    return Versus(date_range(period), rows=out)


@dataclass(frozen=True)
class OptionTest:
    """One option of a multiple-choice item: named / not named × sites."""

    option: int
    #: respondents naming the option, over all sites in the test
    named: int
    respondents: int
    method: str | None = None
    statistic: float | None = None
    df: int | None = None
    p: float | None = None
    #: Holm over the options that have a p
    p_adj: float | None = None
    small_expected: bool | None = None
    note: str | None = None


@dataclass(frozen=True)
class AcrossSites:
    item: str
    period: dict[str, str]
    #: sites in the test (shown cells only), in table order
    sites: list[str]
    method: str | None = None
    statistic: float | None = None
    df: int | None = None
    p: float | None = None
    small_expected: bool | None = None
    #: why there is no test (fewer than two sites shown, or no variation)
    note: str | None = None
    #: a multiple-choice item: one test per option (the fields above stay empty)
    options: list[OptionTest] | None = None


def across_sites(
    bind: Connection | Engine,
    *,
    item: str,
    period: tuple[date, date],
    sites: Sequence[str] = (),
    questionnaire: str = "core@1",
    channel: str | None = None,
) -> AcrossSites:
    """Do the answers to ``item`` differ between sites? (χ², or Fisher for a sparse 2×2)."""
    with source.connected(bind) as conn:
        wanted = set(source.site_ids(conn, sites)) if sites else None
        items, cells = _cells(conn, questionnaire, period, channel)
    if item not in {i.code for i in items}:
        raise source.SourceError(f"unknown item {item!r}")
    shown = sorted(
        (c for (s, _, code), c in cells.items() if code == item and s != ALL and not c.hidden),
        key=lambda c: c.site,
    )
    shown = [c for c in shown if wanted is None or c.site in wanted]
    codes = [c.site for c in shown]
    result = AcrossSites(item, date_range(period), codes)
    if next(i for i in items if i.code == item).kind == "multi":
        return _per_option(result, shown)
    try:
        test = stats.association([[c.dist[v] for v in sorted(c.dist)] for c in shown])
    except ValueError:
        return replace(result, note="fewer than two sites or values to test")
    return replace(
        result,
        method=test.method,
        statistic=test.statistic,
        df=test.df,
        p=test.p,
        small_expected=test.small_expected,
    )


MULTI_NOTE = (
    "multiple-response item: each option is tested on its own (respondents who named it "
    "against those who did not, across the sites), Holm-adjusted across the options"
)


def _per_option(result: AcrossSites, shown: list[Cell]) -> AcrossSites:
    """χ² (or Fisher for a sparse 2×2) per option of a multiple-choice item, Holm across them."""
    if len(shown) < 2:
        return replace(result, note="fewer than two sites to test")
    options = sorted(set().union(*(c.dist for c in shown)))
    respondents = sum(c.n for c in shown)
    tests = []
    for option in options:
        table = [[c.dist.get(option, 0), c.n - c.dist.get(option, 0)] for c in shown]
        named = sum(row[0] for row in table)
        base = OptionTest(option, named, respondents)
        try:
            test = stats.association(table)
        except ValueError:
            tests.append(replace(base, note="named by every respondent or by none: no test"))
            continue
        tests.append(replace(base, method=test.method, statistic=test.statistic, df=test.df,
                             p=test.p, small_expected=test.small_expected))  # fmt: skip
    tested = [k for k, t in enumerate(tests) if t.p is not None]
    for k, p_adj in zip(tested, stats.holm([tests[k].p for k in tested]), strict=True):  # type: ignore[misc]
        tests[k] = replace(tests[k], p_adj=p_adj)
    return replace(result, method="per-option", note=MULTI_NOTE, options=tests)
