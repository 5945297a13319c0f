from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import date

import numpy as np
import pytest
from scipy import stats as sps

from analysis.cells import ALL
from analysis.compare import CompareRow, compare
from analysis.output import to_csv, to_json
from analysis.summary import summarize

from .reference import raw_answers, wilson
from .test_stats import holm_by_hand

A = (date(2014, 1, 1), date(2015, 6, 30))
B = (date(2016, 7, 1), date(2017, 6, 30))
KEYS = [
    "site",
    "item",
    "metric",
    "n_a",
    "n_b",
    "a",
    "b",
    "diff",
    "diff_low",
    "diff_high",
    "p",
    "p_adj",
    "suppressed",
    "note",
]


def test_every_figure_matches_scipy_on_the_raw_answers(engine, demo):
    data = json.loads(to_json(compare(engine, a=A, b=B)))
    assert list(data) == ["a", "b", "rows", "warnings"]
    assert data["a"] == {"from": "2014-01-01", "to": "2015-06-30"}
    assert data["b"] == {"from": "2016-07-01", "to": "2017-06-30"}
    with engine.connect() as conn:
        raw = raw_answers(conn)
    values: dict = defaultdict(list)
    for r in raw.values():
        side = "a" if A[0] <= r["day"] <= A[1] else "b" if B[0] <= r["day"] <= B[1] else None
        if side:
            for site in (r["site"], ALL):
                for code, vals in r["answers"].items():
                    values[(side, site, code)].extend(v for v in vals if v)
    ps = []
    for row in data["rows"]:
        assert list(row) == KEYS
        if row["suppressed"]:
            assert all(row[k] is None for k in KEYS[5:12])
            continue
        raw_a = np.array(values[("a", row["site"], row["item"])], dtype=float)
        raw_b = np.array(values[("b", row["site"], row["item"])], dtype=float)
        assert (row["n_a"], row["n_b"]) == (len(raw_a), len(raw_b))
        if row["metric"] == "top2":
            x_a, x_b = int((raw_a >= 4).sum()), int((raw_b >= 4).sum())
            p_a, p_b = x_a / len(raw_a), x_b / len(raw_b)
            (l_a, u_a), (l_b, u_b) = wilson(x_a, len(raw_a)), wilson(x_b, len(raw_b))
            d = p_b - p_a
            low = d - math.sqrt((p_b - l_b) ** 2 + (u_a - p_a) ** 2)
            high = d + math.sqrt((u_b - p_b) ** 2 + (p_a - l_a) ** 2)
            table = [[x_a, len(raw_a) - x_a], [x_b, len(raw_b) - x_b]]
            p = sps.chi2_contingency(table, correction=False)[1]
            expected = (p_a, p_b, d, low, high, p)
        else:
            test = sps.ttest_ind(raw_b, raw_a, equal_var=False)
            ci = test.confidence_interval(0.95)
            d = raw_b.mean() - raw_a.mean()
            expected = (raw_a.mean(), raw_b.mean(), d, ci.low, ci.high, test.pvalue)
        got = (row["a"], row["b"], row["diff"], row["diff_low"], row["diff_high"], row["p"])
        assert got == pytest.approx(expected, rel=1e-5, abs=1e-9)
        ps.append((row["p"], row["p_adj"]))
    assert len(ps) > 100
    # p_adj is Holm over every row with a p (recomputed from the rounded p's)
    assert [adj for _, adj in ps] == pytest.approx(holm_by_hand([p for p, _ in ps]), rel=1e-4)
    assert {r["site"] for r in data["rows"]} >= {"WI", "DEG", ALL}
    # the Hessen sites started in October 2015: no A side
    wi = next(r for r in data["rows"] if r["site"] == "WI")
    assert wi["suppressed"] and wi["n_a"] == "<10"


def test_suppression_follows_the_summaries_of_both_periods(engine, demo):
    result = compare(engine, a=A, b=B, sites=["deg", "wi", "e"])
    assert {r.site for r in result.rows} == {"DEG", "WI", "E", ALL}
    summaries = {
        side: {(r.site, r.item): r for r in summarize(engine, by="all", start=s, end=e).rows}
        for side, (s, e) in (("a", A), ("b", B))
    }
    for row in result.rows:
        cell_a = summaries["a"].get((row.site, row.item))
        cell_b = summaries["b"].get((row.site, row.item))
        hidden = any(c is None or c.suppressed for c in (cell_a, cell_b))
        assert row.suppressed == hidden
        if cell_a is not None:
            assert row.n_a == cell_a.n
        if cell_b is not None:
            assert row.n_b == cell_b.n


def test_channel_mix_warning(engine, make_site, make_response):
    site = make_site("A")
    for k in range(40):
        make_response(site, {"overall": (3 + k % 3,)}, channel="kiosk", day=date(2016, 1, 4))
        channel = "online" if k < 32 else "kiosk"
        make_response(site, {"overall": (2 + k % 4,)}, channel=channel, day=date(2017, 1, 4))
    a, b = (date(2016, 1, 1), date(2016, 12, 31)), (date(2017, 1, 1), date(2017, 12, 31))
    result = compare(engine, a=a, b=b)
    assert [(w.site, w.shift) for w in result.warnings] == [("A", 0.8), (ALL, 0.8)]
    assert compare(engine, a=a, b=b, channel="kiosk").warnings == []
    kiosk = compare(engine, a=a, b=b, channel="kiosk")
    row = next(r for r in kiosk.rows if r.site == "A" and r.metric == "top2")
    assert (row.n_a, row.n_b) == (40, "<10") and row.suppressed
    lines = to_csv(result.rows, CompareRow).splitlines()
    assert lines[0].split(",") == KEYS
    assert len(lines) == len(result.rows) + 1
