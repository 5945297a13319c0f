"""The cell regression equals statsmodels' response-level OLS with clustered errors;
the pooled estimate equals statsmodels' DerSimonian–Laird."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from statsmodels.stats.meta_analysis import combine_effects

from analysis.effects import design, did
from analysis.effects.pooling import dersimonian_laird

from . import synthetic

FORMULA = "{y} ~ D + C(site) + C(month) + C(channel) + C(topic)"


def _statsmodels(rows: pd.DataFrame, y: str, groups: str, adjust: bool = True):
    formula = FORMULA.format(y=y) if adjust else f"{y} ~ D + C(site) + C(month)"
    codes = pd.factorize(rows[groups])[0]
    return smf.ols(formula, rows).fit(cov_type="cluster", cov_kwds={"groups": codes})


@pytest.mark.parametrize(
    ("planted", "trend", "metric", "adjust"),
    [
        (0.4, 0.0, "mean", True),
        (0.0, 0.0, "mean", True),
        (0.3, 0.02, "top2", True),
        (0.3, 0.02, "mean", False),
    ],
)
def test_estimate_equals_statsmodels_on_response_rows(planted, trend, metric, adjust):
    frame = synthetic.responses(effects={"AA": (synthetic.START, planted)}, trend=trend)
    win = design.windows(synthetic.measure())
    cells = did.outcome_cells(synthetic.cells(frame), "waiting", metric)
    est = did.did(cells, "AA", list(synthetic.SITES[1:]), win, adjust=adjust, bootstrap=False)
    rows = synthetic.window_rows(frame, win.pre, win.post)
    rows["D"] = ((rows["site"] == "AA") & (rows["month"] >= win.post[0])).astype(float)
    by_month = _statsmodels(rows, metric, "cluster", adjust)
    by_site = _statsmodels(rows, metric, "site", adjust)
    assert est.fit.beta == pytest.approx(by_month.params["D"], abs=1e-9)
    assert est.fit.se == pytest.approx(by_month.bse["D"], rel=1e-6)
    assert est.by_site.se == pytest.approx(by_site.bse["D"], rel=1e-6)
    assert est.fit.n == len(rows)
    assert est.fit.clusters == rows["cluster"].nunique()
    assert est.by_site.clusters == len(synthetic.SITES)


def test_event_study_equals_statsmodels():
    frame = synthetic.responses(effects={"AA": (synthetic.START, 0.4)})
    win = design.windows(synthetic.measure())
    cells = did.outcome_cells(synthetic.cells(frame), "waiting", "mean")
    points = did.event_study(cells, "AA", list(synthetic.SITES[1:]), win)
    m = frame["month"]
    rows = frame[(m >= win.pre[0]) & (m <= win.post[1])].copy()
    rows["mean"] = rows["value"].astype(float)
    rows["cluster"] = rows["site"] + "|" + rows["month"].astype(str)
    rel = rows["month"] - win.start
    names = []
    for k in sorted(set(rel) - {-1}):
        name = f"k{k + 100}"
        rows[name] = ((rows["site"] == "AA") & (rel == k)).astype(float)
        names.append(name)
    fit = smf.ols(
        "mean ~ " + " + ".join(names) + " + C(site) + C(month) + C(channel) + C(topic)", rows
    ).fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(rows["cluster"])[0]})
    q = fit.conf_int(alpha=0.05)  # normal; ours uses t(G − 1): compare estimates and widths
    for p in points:
        if p.k == -1:
            assert p.estimate == 0.0
            continue
        name = f"k{p.k + 100}"
        assert p.estimate == pytest.approx(fit.params[name], abs=1e-9)
        ratio = (p.high - p.low) / (q.loc[name, 1] - q.loc[name, 0])
        assert ratio == pytest.approx(1.0, abs=0.02)
    assert [p.k for p in points] == list(range(-6, 7))


def test_wild_bootstrap_is_seeded_and_in_range():
    frame = synthetic.responses(effects={"AA": (synthetic.START, 0.4)})
    win = design.windows(synthetic.measure())
    cells = did.outcome_cells(synthetic.cells(frame), "waiting", "mean")
    first = did.did(cells, "AA", list(synthetic.SITES[1:]), win)
    again = did.did(cells, "AA", list(synthetic.SITES[1:]), win)
    assert first.bootstrap == again.bootstrap
    assert 0 < first.bootstrap.p <= 1 and first.bootstrap.draws == 999
    assert first.bootstrap.low < first.fit.beta < first.bootstrap.high
    assert first.site_bootstrap.draws == 999 and first.site_bootstrap.p > first.bootstrap.p


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dersimonian_laird_equals_statsmodels(seed):
    rng = np.random.default_rng(seed)
    y = rng.normal(0.2, 0.3, 6)  # heterogeneous: τ² > 0
    se = rng.uniform(0.05, 0.2, 6)
    ours = dersimonian_laird(y, se)
    theirs = combine_effects(y, se**2, method_re="dl", use_t=False)
    assert theirs.tau2 > 0
    assert ours.estimate == pytest.approx(theirs.mean_effect_re, abs=1e-9)
    assert ours.se == pytest.approx(theirs.sd_eff_w_re, rel=1e-9)
    assert ours.tau2 == pytest.approx(theirs.tau2, abs=1e-12)
    assert ours.i2 == pytest.approx(max(0.0, theirs.i2), abs=1e-9)
    frame = theirs.summary_frame()
    low, high = frame.loc["random effect", "ci_low"], frame.loc["random effect", "ci_upp"]
    assert (ours.low, ours.high) == pytest.approx((low, high), abs=1e-9)
