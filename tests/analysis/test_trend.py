from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

import pytest

from analysis.cells import ALL
from analysis.source import SourceError
from analysis.trend import trend

from .reference import period, raw_answers


def test_p_chart_matches_raw_answers_and_flags_the_peak(engine, demo):
    result = trend(engine, sites=["E"], channel=None)
    with engine.connect() as conn:
        raw = raw_answers(conn)
    counts: dict = defaultdict(lambda: [0, 0])
    for r in raw.values():
        if r["answers"].get("overall"):
            for site in (r["site"], ALL):
                counts[(site, period(r["day"], "month"))][0] += r["answers"]["overall"][0] >= 4
                counts[(site, period(r["day"], "month"))][1] += 1
    assert {r.site for r in result.rows} == {"E", ALL}
    for site in ("E", ALL):
        rows = [r for r in result.rows if r.site == site]
        assert [r.period for r in rows] == sorted(r.period for r in rows)
        shown = [r for r in rows if not r.suppressed]
        x = sum(counts[(site, r.period)][0] for r in shown)
        n = sum(counts[(site, r.period)][1] for r in shown)
        centre = x / n
        for row in shown:
            xt, nt = counts[(site, row.period)]
            half = 3 * math.sqrt(centre * (1 - centre) / nt)
            assert row.n == nt and row.share == pytest.approx(xt / nt)
            assert row.centre == pytest.approx(centre)
            assert row.low == pytest.approx(max(0.0, centre - half))
            assert row.high == pytest.approx(min(1.0, centre + half))
            assert row.flag == (not row.low <= row.share <= row.high)
        for row in rows:
            if row.suppressed:
                assert row.share is None and row.flag is None
    network = [r for r in result.rows if r.site == ALL]
    low_peak = [r for r in network if r.flag and "2015-10" <= r.period <= "2016-03"]
    assert low_peak and all(r.share < r.centre for r in low_peak)


def test_trend_needs_a_scale_item(engine, make_site, make_response):
    site = make_site("A")
    for _ in range(12):
        make_response(site, {"overall": (5,)}, day=date(2016, 1, 4))
    with pytest.raises(SourceError, match="not a 1–5 item"):
        trend(engine, item="referral")
    rows = trend(engine, item="overall").rows
    assert [(r.site, r.period, r.n, r.share, r.flag) for r in rows] == [
        ("A", "2016-01", 12, 1.0, False),
        (ALL, "2016-01", 12, 1.0, False),
    ]
