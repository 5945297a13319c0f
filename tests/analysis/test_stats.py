"""Every figure of analysis.stats against an independent computation.

The references are SciPy on the expanded raw answers, or the formulas of
docs/methodology.md §3 written out by hand, never the function under test.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

from analysis import stats

Z = 1.959964


def wilson_by_hand(x: int, n: int) -> tuple[float, float]:
    p = x / n
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z / (1 + Z**2 / n) * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2))
    return centre - half, centre + half


def expand(counts: dict[int, int]) -> np.ndarray:
    return np.repeat(np.array(list(counts), dtype=float), list(counts.values()))


def test_wilson_matches_methodology_examples():
    share, low, high = stats.wilson(np.array([16, 80]), np.array([20, 100]))
    assert share.tolist() == [0.8, 0.8]
    assert np.round(low, 3).tolist() == [0.584, 0.711]
    assert np.round(high, 3).tolist() == [0.919, 0.867]


@pytest.mark.parametrize(("x", "n"), [(0, 1), (0, 12), (3, 10), (57, 59), (12, 12), (444, 1000)])
def test_wilson_matches_formula(x, n):
    _, low, high = stats.wilson(x, n)
    ref = wilson_by_hand(x, n)
    assert low[0] == pytest.approx(ref[0], abs=1e-6)
    assert high[0] == pytest.approx(ref[1], abs=1e-6)


def test_wilson_matches_statsmodels_on_many_cells():
    rng = np.random.default_rng(2)
    n = rng.integers(1, 3000, 500)
    x = rng.binomial(n, rng.random(500))
    _, low, high = stats.wilson(x, n)
    ref_low, ref_high = proportion_confint(x, n, alpha=0.05, method="wilson")
    assert low == pytest.approx(ref_low, rel=1e-12, abs=1e-15)
    assert high == pytest.approx(ref_high, rel=1e-12)


def test_wilson_empty_cell_is_nan():
    share, low, high = stats.wilson(np.array([0, 5]), np.array([0, 10]))
    assert math.isnan(share[0]) and math.isnan(low[0]) and math.isnan(high[0])
    assert share[1] == 0.5


def test_moments_and_t_interval_match_scipy_on_raw_answers():
    rng = np.random.default_rng(11)
    values = [1, 2, 3, 4, 5]
    cells = [rng.multinomial(n, [0.1, 0.1, 0.2, 0.3, 0.3]) for n in (2, 10, 31, 250)]
    n, mean, var = stats.moments(values, np.array(cells))
    low, high = stats.mean_interval(mean, var, n)
    for k, cell in enumerate(cells):
        raw = expand(dict(zip(values, cell, strict=True)))
        assert n[k] == len(raw)
        assert mean[k] == pytest.approx(raw.mean(), rel=1e-12)
        assert var[k] == pytest.approx(raw.var(ddof=1), rel=1e-9)
        ref = sps.t.interval(0.95, len(raw) - 1, loc=raw.mean(), scale=sps.sem(raw))
        assert (low[k], high[k]) == pytest.approx(ref, rel=1e-9)


def test_moments_of_tiny_cells():
    n, mean, var = stats.moments([1, 2], np.array([[0, 0], [0, 1]]))
    assert n.tolist() == [0, 1]
    assert math.isnan(mean[0]) and mean[1] == 2
    assert math.isnan(var[0]) and math.isnan(var[1])
    low, high = stats.mean_interval(mean, var, n)
    assert np.isnan(low).all() and np.isnan(high).all()


@pytest.mark.parametrize(
    ("x_a", "n_a", "x_b", "n_b"),
    [(56, 70, 48, 80), (9, 10, 10, 10), (0, 15, 4, 12), (140, 200, 140, 180)],
)
def test_share_difference_newcombe_and_pooled_z(x_a, n_a, x_b, n_b):
    result = stats.share_difference(x_a, n_a, x_b, n_b)
    p_a, p_b = x_a / n_a, x_b / n_b
    (l_a, u_a), (l_b, u_b) = wilson_by_hand(x_a, n_a), wilson_by_hand(x_b, n_b)
    d = p_b - p_a
    assert result.diff == pytest.approx(d)
    assert result.low == pytest.approx(d - math.sqrt((p_b - l_b) ** 2 + (u_a - p_a) ** 2), abs=1e-6)
    assert result.high == pytest.approx(
        d + math.sqrt((u_b - p_b) ** 2 + (p_a - l_a) ** 2), abs=1e-6
    )
    table = [[x_a, n_a - x_a], [x_b, n_b - x_b]]
    _, p_chi2, _, _ = sps.chi2_contingency(table, correction=False)
    assert result.p == pytest.approx(p_chi2, rel=1e-9)


def test_share_difference_without_variation():
    result = stats.share_difference(10, 10, 20, 20)
    assert result.diff == 0 and result.p == 1.0
    assert result.low < 0 < result.high


def test_mean_difference_matches_scipy_welch():
    rng = np.random.default_rng(5)
    a = dict(
        zip(range(1, 6), rng.multinomial(140, [0.1, 0.1, 0.3, 0.3, 0.2]).tolist(), strict=True)
    )
    b = dict(
        zip(range(1, 6), rng.multinomial(60, [0.05, 0.05, 0.2, 0.4, 0.3]).tolist(), strict=True)
    )
    result = stats.mean_difference(a, b)
    raw_a, raw_b = expand(a), expand(b)
    ref = sps.ttest_ind(raw_b, raw_a, equal_var=False)
    interval = ref.confidence_interval(0.95)
    assert result.diff == pytest.approx(raw_b.mean() - raw_a.mean())
    assert result.p == pytest.approx(ref.pvalue, rel=1e-9)
    assert (result.low, result.high) == pytest.approx((interval.low, interval.high), rel=1e-9)


def test_mean_difference_detects_known_shift():
    # large samples from two known distributions whose means differ by exactly 0.5
    rng = np.random.default_rng(9)
    a = dict(zip(range(1, 6), rng.multinomial(20000, [0.2] * 5).tolist(), strict=True))
    b = dict(
        zip(range(1, 6), rng.multinomial(20000, [0.1, 0.15, 0.2, 0.25, 0.3]).tolist(), strict=True)
    )
    result = stats.mean_difference(a, b)
    assert result.low < 0.5 < result.high
    assert result.p < 1e-6


def test_mean_difference_constant_sides_say_why_there_is_no_interval():
    same = stats.mean_difference({4: 12}, {4: 20})
    assert (same.diff, same.low, same.high, same.p) == (0.0, None, None, None)
    assert "every answer is 4 in A and 4 in B" in same.note
    shifted = stats.mean_difference({5: 12}, {3: 20})
    assert (shifted.diff, shifted.low, shifted.p) == (-2.0, None, None)
    assert "5 in A and 3 in B" in shifted.note
    assert stats.mean_difference({4: 11, 5: 1}, {4: 20}).note is None
    with pytest.raises(ValueError):
        stats.mean_difference({4: 1}, {4: 20})


def holm_by_hand(p: list[float]) -> list[float]:
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        adjusted[i] = running
    return adjusted


def test_holm_and_bh_match_references():
    p = [0.01, 0.04, 0.03, 0.005, 0.5, 0.04]
    assert stats.holm(p) == pytest.approx(holm_by_hand(p))
    assert stats.benjamini_hochberg(p) == pytest.approx(sps.false_discovery_control(p).tolist())
    assert stats.holm([]) == [] and stats.benjamini_hochberg([]) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=30))
def test_holm_properties(p):
    adjusted = stats.holm(p)
    assert adjusted == pytest.approx(holm_by_hand(p))
    for raw, adj in zip(p, adjusted, strict=True):
        assert raw <= adj + 1e-12 and adj <= 1
    # monotone: a smaller raw p never gets a larger adjusted p
    ranked = sorted(zip(p, adjusted, strict=True))
    assert all(a[1] <= b[1] + 1e-12 for a, b in itertools.pairwise(ranked))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_estimate(xn):
    x, n = xn
    share, low, high = stats.wilson(x, n)
    assert 0 <= low[0] <= share[0] + 1e-12 and share[0] <= high[0] + 1e-12 and high[0] <= 1
    assert (low[0], high[0]) == pytest.approx(proportion_confint(x, n, method="wilson"), abs=1e-12)


cell = st.lists(st.integers(0, 60), min_size=5, max_size=5).filter(lambda c: sum(c) >= 2)


@settings(max_examples=150, deadline=None)
@given(cell, cell)
def test_differences_contain_estimate(a, b):
    da, db = (dict(zip(range(1, 6), c, strict=True)) for c in (a, b))
    means = stats.mean_difference(da, db)
    assert means.low - 1e-9 <= means.diff <= means.high + 1e-9
    shares = stats.share_difference(a[3] + a[4], sum(a), b[3] + b[4], sum(b))
    assert shares.low - 1e-9 <= shares.diff <= shares.high + 1e-9
    assert 0 <= shares.p <= 1


@settings(max_examples=150, deadline=None)
@given(cell)
def test_mean_interval_contains_mean(c):
    n, mean, var = stats.moments([1, 2, 3, 4, 5], np.array([c]))
    low, high = stats.mean_interval(mean, var, n)
    assert low[0] - 1e-9 <= mean[0] <= high[0] + 1e-9


def test_association_pearson_by_hand():
    table = np.array([[30, 12, 8, 10], [25, 20, 15, 5], [40, 10, 10, 20]])
    result = stats.association(table)
    expected = np.outer(table.sum(1), table.sum(0)) / table.sum()
    chi2 = float(((table - expected) ** 2 / expected).sum())
    assert result.method == "chi2" and not result.small_expected
    assert result.statistic == pytest.approx(chi2)
    assert result.df == 6
    assert result.p == pytest.approx(sps.chi2.sf(chi2, 6))


def test_association_uses_fisher_for_sparse_2x2():
    # Fisher's tea-tasting table: one-sided 0.2429, two-sided 0.4857
    result = stats.association([[3, 1], [1, 3]])
    assert result.method == "fisher" and result.small_expected
    assert result.p == pytest.approx(34 / 70, abs=1e-9)


def test_association_flags_sparse_larger_table_and_drops_empty_lines():
    result = stats.association([[3, 1, 0, 2], [1, 3, 0, 2], [0, 0, 0, 0]])
    assert result.method == "chi2" and result.small_expected and result.df == 2
    with pytest.raises(ValueError):
        stats.association([[3, 0], [1, 0]])


def test_p_chart_limits_and_flags():
    x, n = [50, 52, 20, 49], [100, 100, 100, 100]
    chart = stats.p_chart(x, n)
    centre = 171 / 400
    half = 3 * math.sqrt(centre * (1 - centre) / 100)
    assert chart.centre == pytest.approx(centre)
    assert chart.low == pytest.approx([centre - half] * 4)
    assert chart.high == pytest.approx([centre + half] * 4)
    assert chart.flag == [False, False, True, False]
    with pytest.raises(ValueError):
        stats.p_chart([1], [0])


def test_clean():
    assert stats.clean(float("nan")) is None and stats.clean(None) is None
    assert stats.clean(np.float64(0.5)) == 0.5
