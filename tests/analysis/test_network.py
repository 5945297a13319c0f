from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

import numpy as np
import pytest
from scipy import stats as sps

from analysis.network import across_sites, versus_rest
from analysis.output import to_json
from analysis.summary import summarize

from .reference import raw_answers
from .test_stats import holm_by_hand

PERIOD = (date(2016, 1, 1), date(2016, 12, 31))


def answers_in(engine, period):
    with engine.connect() as conn:
        raw = raw_answers(conn)
    by_site: dict = defaultdict(lambda: defaultdict(list))
    for r in raw.values():
        if period[0] <= r["day"] <= period[1]:
            for code, values in r["answers"].items():
                by_site[r["site"]][code].extend(v for v in values if v)
    return by_site


def test_site_versus_rest_matches_scipy(engine, demo):
    data = json.loads(to_json(versus_rest(engine, period=PERIOD)))
    assert (data["a"], data["b"]) == ("rest of network", "site")
    by_site = answers_in(engine, PERIOD)
    summary = {
        (r.site, r.item): r
        for r in summarize(engine, by="all", start=PERIOD[0], end=PERIOD[1]).rows
    }
    tested = []
    for row in data["rows"]:
        cell = summary[(row["site"], row["item"])]
        assert row["suppressed"] == (cell.suppressed or row["n_a"] in ("<10", None))
        if row["suppressed"]:
            assert row["p"] is None and row["p_bh"] is None
            if cell.suppressed:
                assert row["n_a"] is None  # the rest's n would reveal the site's
            continue
        site = np.array(by_site[row["site"]][row["item"]], dtype=float)
        rest = np.array(
            [v for s, items in by_site.items() if s != row["site"] for v in items[row["item"]]],
            dtype=float,
        )
        assert (row["n_b"], row["n_a"]) == (len(site), len(rest))
        if row["metric"] == "mean":
            ref = sps.ttest_ind(site, rest, equal_var=False)
            assert row["diff"] == pytest.approx(site.mean() - rest.mean(), rel=1e-5)
            assert row["p"] == pytest.approx(ref.pvalue, rel=1e-5)
            assert (row["diff_low"], row["diff_high"]) == pytest.approx(
                tuple(ref.confidence_interval()), rel=1e-5
            )
        else:
            x_s, x_r = int((site >= 4).sum()), int((rest >= 4).sum())
            table = [[x_r, len(rest) - x_r], [x_s, len(site) - x_s]]
            assert row["p"] == pytest.approx(
                sps.chi2_contingency(table, correction=False)[1], rel=1e-5
            )
        tested.append(row)
    assert len(tested) > 50
    raw_p = [r["p"] for r in tested]
    assert [r["p_adj"] for r in tested] == pytest.approx(holm_by_hand(raw_p), rel=1e-4)
    assert [r["p_bh"] for r in tested] == pytest.approx(
        sps.false_discovery_control(raw_p).tolist(), rel=1e-4
    )


def chi2_by_hand(table: np.ndarray) -> tuple[float, int, float]:
    table = table[:, table.sum(0) > 0]
    expected = np.outer(table.sum(1), table.sum(0)) / table.sum()
    statistic = float(((table - expected) ** 2 / expected).sum())
    df = (table.shape[0] - 1) * (table.shape[1] - 1)
    return statistic, df, float(sps.chi2.sf(statistic, df))


def test_sites_on_a_categorical_item(engine, demo):
    result = across_sites(engine, item="referral", period=PERIOD)
    summary = summarize(engine, by="all", start=PERIOD[0], end=PERIOD[1])
    shown = sorted(
        r.site
        for r in summary.rows
        if r.item == "referral" and r.site != "ALL" and not r.suppressed
    )
    assert result.sites == shown and len(shown) > 5
    by_site = answers_in(engine, PERIOD)
    table = np.array([[by_site[s]["referral"].count(v) for v in range(1, 5)] for s in shown])
    statistic, df, p = chi2_by_hand(table)
    assert result.method == "chi2"
    assert (result.statistic, result.df, result.p) == pytest.approx((statistic, df, p))


def test_sparse_two_by_two_uses_fisher(engine, make_site, make_response):
    a, b = make_site("A"), make_site("B")
    for k in range(10):
        make_response(a, {"resolved": (1 if k < 9 else 3,)}, day=date(2016, 5, 2))
        make_response(b, {"resolved": (1 if k < 4 else 3,)}, day=date(2016, 5, 2))
    result = across_sites(engine, item="resolved", period=PERIOD)
    assert result.method == "fisher" and result.small_expected
    # two-sided Fisher by hand: hypergeometric tables at most as likely as the observed one
    dist = sps.hypergeom(20, 13, 10)
    observed = dist.pmf(9)
    p = sum(dist.pmf(k) for k in range(0, 11) if dist.pmf(k) <= observed * (1 + 1e-7))
    assert result.p == pytest.approx(p)
    lonely = across_sites(engine, item="resolved", period=PERIOD, sites=["A"])
    assert lonely.p is None and "fewer than two" in lonely.note
