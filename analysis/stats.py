"""Statistics for survey cells (docs/methodology.md §3), built on SciPy and statsmodels.

The tallies hold distributions (count per answer value), not answers, so the
mean and variance of a cell come from its value counts: the values with their
counts as frequency weights give exactly the figures of the raw answers.

Functions that the summary applies to thousands of cells at once
(:func:`moments`, :func:`wilson`, :func:`mean_interval`) take NumPy arrays
and work element-wise, with the closed forms of docs/methodology.md §3 and the
quantiles of ``scipy.special``; the comparison functions take one pair of
cells and use statsmodels and ``scipy.stats``. Those two take seconds to
import, so they are imported where they are used: the summary (and every
``flask`` command, which registers the analysis CLI) does not pay for them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .deferred import deferred

if TYPE_CHECKING:
    import numpy as np
    from scipy import special
else:
    np = deferred("numpy")
    special = deferred("scipy.special")

LEVEL = 0.95
#: Expected counts below this make the χ² approximation doubtful.
MIN_EXPECTED = 5.0

FloatArray = "np.ndarray"


def moments(values: Sequence[int], counts: np.ndarray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """n, mean and sample variance (n − 1) of cells given as counts per value.

    ``counts`` has one row per cell and one column per entry of ``values``.
    The mean of an empty cell is NaN, the variance of a cell with n < 2 too.
    """
    counts = np.asarray(counts, dtype=float).reshape(-1, len(values))
    v = np.asarray(values, dtype=float)
    n = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = counts @ v / n
        squares = counts @ (v**2) - n * mean**2
        var = np.where(n > 1, np.maximum(squares, 0.0) / (n - 1), np.nan)
    return n, mean, var


def wilson(
    x: FloatArray | float, n: FloatArray | float, level: float = LEVEL
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Share x/n with its Wilson score interval; NaN where n = 0.

    centre = (p + z²/2n)/(1 + z²/n), half = z/(1 + z²/n) · sqrt(p(1−p)/n + z²/4n²).
    """
    xs, ns = np.broadcast_arrays(
        np.atleast_1d(np.asarray(x, dtype=float)), np.atleast_1d(np.asarray(n, dtype=float))
    )
    share = np.full(xs.shape, np.nan)
    low, high = share.copy(), share.copy()
    ok = ns > 0
    if ok.any():
        z2, p, m = _z(level) ** 2, xs[ok] / ns[ok], ns[ok]
        centre = (p + z2 / (2 * m)) / (1 + z2 / m)
        half = _z(level) / (1 + z2 / m) * np.sqrt(p * (1 - p) / m + z2 / (4 * m**2))
        share[ok], low[ok], high[ok] = p, np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    return share, low, high


def _z(level: float) -> float:
    """The two-sided normal quantile, 1.959964 for 95 %."""
    return float(special.ndtri((1 + level) / 2))


def mean_interval(
    mean: FloatArray, var: FloatArray, n: FloatArray, level: float = LEVEL
) -> tuple[FloatArray, FloatArray]:
    """mean ± t(n − 1, (1 + level)/2) · s/√n; NaN where n < 2."""
    mean, var, n = (np.atleast_1d(np.asarray(a, dtype=float)) for a in (mean, var, n))
    low = np.full(mean.shape, np.nan)
    high = low.copy()
    ok = n > 1
    if ok.any():
        half = special.stdtrit(n[ok] - 1, (1 + level) / 2) * np.sqrt(var[ok] / n[ok])
        low[ok], high[ok] = mean[ok] - half, mean[ok] + half
    return low, high


@dataclass(frozen=True)
class Difference:
    """B minus A with its interval and the two-sided p-value of the test.

    Where no interval or test exists, ``low``, ``high`` and ``p`` are None and
    ``note`` says why.
    """

    diff: float
    low: float | None
    high: float | None
    p: float | None
    note: str | None = None


def share_difference(x_a: int, n_a: int, x_b: int, n_b: int, level: float = LEVEL) -> Difference:
    """p_B − p_A: Newcombe hybrid (Wilson-based) interval and pooled two-sided z-test."""
    from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

    if n_a <= 0 or n_b <= 0:
        raise ValueError("both sides need at least one answer")
    low, high = confint_proportions_2indep(
        x_b, n_b, x_a, n_a, method="newcomb", compare="diff", alpha=1 - level
    )
    pooled = (x_a + x_b) / (n_a + n_b)
    if pooled in (0.0, 1.0):  # no variation at all: no evidence of a difference
        p: float = 1.0
    else:
        _, p = proportions_ztest([x_b, x_a], [n_b, n_a], value=0, alternative="two-sided")
    return Difference(x_b / n_b - x_a / n_a, float(low), float(high), float(p))


def mean_difference(a: Mapping[int, int], b: Mapping[int, int], level: float = LEVEL) -> Difference:
    """mean_B − mean_A from two value distributions: Welch t-test and Welch interval.

    When neither side varies (every answer the same in A, and in B) there is no
    standard error: no interval and no test, and ``note`` says so (a zero-width
    interval would claim a certainty that the data cannot give).
    """
    from statsmodels.stats.weightstats import CompareMeans

    side_b, side_a = (_weighted(d) for d in (b, a))
    if side_a.nobs < 2 or side_b.nobs < 2:
        raise ValueError("both sides need at least two answers")
    diff = float(side_b.mean - side_a.mean)
    if side_a.var == 0 and side_b.var == 0:
        value_a, value_b = (next(v for v, c in d.items() if c > 0) for d in (a, b))
        note = (
            f"neither side varies (every answer is {value_a} in A and {value_b} in B): "
            "no standard error, so no interval and no test"
        )
        return Difference(diff, None, None, None, note)
    compare = CompareMeans(side_b, side_a)
    _, p, _ = compare.ttest_ind(usevar="unequal")
    low, high = compare.tconfint_diff(alpha=1 - level, usevar="unequal")
    return Difference(diff, float(low), float(high), float(p))


def _weighted(distribution: Mapping[int, int]) -> Any:
    from statsmodels.stats.weightstats import DescrStatsW

    values = sorted(v for v, c in distribution.items() if c > 0)
    return DescrStatsW(
        np.array(values, dtype=float),
        weights=np.array([distribution[v] for v in values], dtype=float),
        ddof=1,
    )


def holm(p: Sequence[float]) -> list[float]:
    """Holm step-down adjusted p-values (family-wise error), in input order."""
    from statsmodels.stats.multitest import multipletests

    if not len(p):
        return []
    return [float(v) for v in multipletests(np.asarray(p, dtype=float), method="holm")[1]]


def benjamini_hochberg(p: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (false discovery rate), for exploratory screens."""
    from statsmodels.stats.multitest import multipletests

    if not len(p):
        return []
    return [float(v) for v in multipletests(np.asarray(p, dtype=float), method="fdr_bh")[1]]


@dataclass(frozen=True)
class Association:
    """Test of independence of rows (e.g. sites) and columns (answer values)."""

    method: str  # "chi2" (Pearson, no continuity correction) or "fisher" (exact, 2×2)
    statistic: float
    df: int
    p: float
    #: some expected count is below 5 (then a 2×2 table uses Fisher's exact test)
    small_expected: bool


def association(table: Sequence[Sequence[int]]) -> Association:
    """Pearson χ² for a sites × values table; Fisher's exact test for a sparse 2×2 table.

    Rows and columns that are all zero are dropped first (they carry no information
    and would make expected counts zero).
    """
    from scipy import stats as sps

    observed = np.asarray(table, dtype=float)
    observed = observed[observed.sum(axis=1) > 0][:, observed.sum(axis=0) > 0]
    if observed.shape[0] < 2 or observed.shape[1] < 2:
        raise ValueError("need at least two non-empty rows and columns")
    statistic, p, df, expected = sps.chi2_contingency(observed, correction=False)
    small = bool((expected < MIN_EXPECTED).any())
    if small and observed.shape == (2, 2):
        odds, p_exact = sps.fisher_exact(observed.astype(int))
        return Association("fisher", float(odds), 1, float(p_exact), True)
    return Association("chi2", float(statistic), int(df), float(p), small)


@dataclass(frozen=True)
class PChart:
    """Monthly p-chart: centre line p̄ and p̄ ± 3·sqrt(p̄(1 − p̄)/n_t), clipped to [0, 1]."""

    centre: float
    share: list[float]
    low: list[float]
    high: list[float]
    #: the month's share lies outside its limits
    flag: list[bool]


def p_chart(x: Sequence[int], n: Sequence[int]) -> PChart:
    xs, ns = np.asarray(x, dtype=float), np.asarray(n, dtype=float)
    if (ns <= 0).any():
        raise ValueError("every month needs at least one answer")
    centre = float(xs.sum() / ns.sum())
    share = xs / ns
    half = 3 * np.sqrt(centre * (1 - centre) / ns)
    low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    flag = (share < low) | (share > high)
    return PChart(centre, share.tolist(), low.tolist(), high.tolist(), flag.tolist())


def clean(value: float | None) -> float | None:
    """A figure for output: NaN and infinities become None."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)
