"""One measure's effect and the catalogue on synthetic data with planted effects."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.meta_analysis import combine_effects

from analysis.effects.catalogue import catalogue
from analysis.effects.estimate import effect

from . import synthetic

S = synthetic.START
SITES = list(synthetic.SITES)


def _one(frame, measure, measures=None, **options):
    result = effect(synthetic.cells(frame), measure, measures or [measure], SITES, **options)
    return {(r.item, r.metric): r for r in result.rows}, result


def test_a_planted_effect_is_found_with_its_size_and_no_effect_is_not():
    found, _ = _one(synthetic.responses(effects={"AA": (S, 0.4)}), synthetic.measure())
    row = found[("waiting", "mean")]
    assert row.low < 0.4 < row.high and row.p < 0.01 and row.estimate > 0.25
    assert row.pre_trend is False and not row.suppressed
    assert row.n_pre > 200 and row.comparison_sites == 6
    none, _ = _one(synthetic.responses(effects={"AA": (S, 0.0)}, seed=5), synthetic.measure())
    assert none[("waiting", "mean")].p > 0.05
    assert none[("waiting", "mean")].low < 0 < none[("waiting", "mean")].high


def test_a_trend_of_the_whole_network_is_not_taken_for_an_effect():
    frame = synthetic.responses(effects={"AA": (S, 0.0)}, trend=0.03, seed=2)
    rows, _ = _one(frame, synthetic.measure())
    row = rows[("waiting", "mean")]
    assert row.post - row.pre > 0.2  # a naive before/after sees the trend
    assert row.low < 0 < row.high and row.p > 0.05


def test_a_pre_trend_of_the_site_is_flagged_by_placebo_and_event_study():
    frame = synthetic.responses(effects={"AA": (S, 0.0)}, pre_trend=0.06, seed=3)
    rows, result = _one(frame, synthetic.measure())
    row = rows[("waiting", "mean")]
    assert row.pre_trend is True and row.placebo_p < 0.05
    assert any("pre-trend" in w for w in row.warnings)
    pre = [e for e in result.events if e.metric == "mean" and e.k < -1]
    assert pre[0].high < 0  # six months before the start, clearly below the reference
    flat, _ = _one(synthetic.responses(effects={"AA": (S, 0.0)}, seed=3), synthetic.measure())
    assert flat[("waiting", "mean")].pre_trend is False


def test_a_changed_channel_mix_is_reported_and_adjusted_for():
    frame = synthetic.responses(effects={"AA": (S, 0.0)}, kiosk_after=0.35, seed=4)
    rows, result = _one(frame, synthetic.measure())
    row = rows[("waiting", "mean")]
    assert row.channel_shift > 0.3
    assert any("channel mix changed" in w and "adjusted" in w for w in row.warnings)
    assert row.estimate_unadjusted - row.estimate > 0.05  # the kiosk bonus, taken out
    assert row.low < 0 < row.high
    kiosk = next(m for m in result.mix["waiting:channel"] if m.category == "kiosk")
    assert kiosk.post - kiosk.pre > 0.3
    plain, _ = _one(frame, synthetic.measure(), adjust=False)
    assert any("NOT adjusted" in w for w in plain[("waiting", "mean")].warnings)


def test_threats_few_comparison_sites_and_other_measures_are_reported():
    frame = synthetic.responses(effects={"AA": (S, 0.3)})
    m = synthetic.measure()
    same_type = [synthetic.measure(site, id=i) for i, site in enumerate(SITES[1:5], start=2)]
    other = synthetic.measure("AA", "signage", S + 2, id=9)
    rows, _ = _one(frame, m, [m, *same_type, other])
    row = rows[("waiting", "mean")]
    assert row.comparison_sites == 2
    assert any("only 2 comparison site" in w for w in row.warnings)
    assert any("other measures" in w and "signage AA" in w for w in row.warnings)


def test_small_numbers_suppress_the_estimate_and_event_months():
    frame = synthetic.responses(effects={"AA": (S, 0.3)}, per_cell=40)
    m = frame["month"]
    thin = frame[~((frame["site"] == "AA") & (m < S))]
    thin = pd.concat([thin, frame[(frame["site"] == "AA") & (m == S - 3)].head(7)])
    rows, result = _one(thin, synthetic.measure())
    row = rows[("waiting", "mean")]
    assert row.suppressed and row.n_pre == "<10" and row.estimate is None and row.pre is None
    frame2 = pd.concat(
        [
            frame[~((frame["site"] == "AA") & (m == S - 2))],
            frame[(frame["site"] == "AA") & (m == S - 2)].head(6),
        ]
    )
    rows, result = _one(frame2, synthetic.measure())
    events = {e.k: e for e in result.events if e.metric == "mean"}
    assert events[-2].n == "<10" and events[-2].estimate is None
    hidden = [e for e in events.values() if e.n is None]
    assert len(hidden) == 1 and hidden[0].k < 0 and hidden[0].estimate is None  # its complement
    assert events[3].estimate is not None


def test_catalogue_pools_by_type_holm_separates_planted_from_null_effects():
    parts = [
        synthetic.responses(effects={"AA": (S, 0.35), "BB": (S + 1, 0.3), "CC": (S, 0.4)}),
        synthetic.responses(
            effects={"DD": (S, 0.0), "EE": (S + 2, 0.0), "FF": (S, 0.0)}, item="fair", seed=9
        ),
    ]
    frame = pd.concat(parts, ignore_index=True)
    measures = [
        synthetic.measure("AA", "appointments", S, ("waiting",), 1),
        synthetic.measure("BB", "appointments", S + 1, ("waiting",), 2),
        synthetic.measure("CC", "appointments", S, ("waiting",), 3),
        synthetic.measure("DD", "intercultural_training", S, ("fair",), 4),
        synthetic.measure("EE", "intercultural_training", S + 2, ("fair",), 5),
        synthetic.measure("FF", "intercultural_training", S, ("fair",), 6),
    ]
    result = catalogue(synthetic.cells(frame), measures, SITES)
    pooled = {(p.type, p.metric): p for p in result.pooled}
    worked = pooled[("appointments", "mean")]
    assert worked.k == 3 and sorted(worked.sites) == ["AA", "BB", "CC"]
    assert worked.p_adj < 0.05 and worked.low < 0.35 < worked.high
    null = pooled[("intercultural_training", "mean")]
    assert null.p_adj > 0.05 and null.low < 0 < null.high
    for p in result.pooled:
        rows = [r for r in result.rows if (r.type, r.item, r.metric) == (p.type, p.item, p.metric)]
        # pooled with the standard errors the shown (bootstrap) intervals imply
        for r in rows:
            assert r.se_interval == pytest.approx((r.high - r.low) / (2 * 1.959963984540054))
            assert r.se_interval != pytest.approx(r.se, rel=1e-3)
        with warnings.catch_warnings():
            # a negative untruncated τ² can make statsmodels' own random-effects
            # standard error the root of a negative number (not used here)
            warnings.simplefilter("ignore", RuntimeWarning)
            ref = combine_effects(
                np.array([r.estimate for r in rows]),
                np.array([r.se_interval**2 for r in rows]),
                method_re="dl",
                use_t=False,
            )
        # statsmodels leaves a negative DerSimonian–Laird τ² as it is; the estimator
        # truncates it at zero, and then the pooled estimate is the fixed-effect one
        expected = ref.mean_effect_re if ref.tau2 > 0 else ref.mean_effect_fe
        assert p.estimate == pytest.approx(expected, abs=1e-9)
        assert p.tau2 == pytest.approx(max(ref.tau2, 0.0), abs=1e-12)
    site_means = [r for r in result.rows if r.metric == "mean"]
    assert all(r.p_adj < 0.05 for r in site_means if r.type == "appointments")
    assert all(r.p_adj > 0.05 for r in site_means if r.type == "intercultural_training")
    assert all(r.p_adj >= r.p for r in result.rows if r.p is not None)
    assert "not results of an experiment" in result.note
    assert dataclasses.asdict(result.rows[0])["warnings"] == []
