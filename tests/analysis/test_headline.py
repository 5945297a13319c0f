from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

import pytest

from analysis.cells import ALL
from analysis.headline import headline
from analysis.output import to_json
from analysis.summary import summarize

from .disclosure import derivable
from .reference import period, raw_answers, wilson


def test_indicators_match_the_raw_answers(engine, demo):
    data = json.loads(to_json(headline(engine, by="year", channel="kiosk")))
    with engine.connect() as conn:
        raw = raw_answers(conn)
    hits: dict = defaultdict(lambda: [0, 0])
    for r in raw.values():
        if r["channel"] != "kiosk":
            continue
        a = r["answers"]
        for site in (r["site"], ALL):
            key = (site, period(r["day"], "year"))
            if a.get("overall"):
                hits[(*key, "csat")][0] += a["overall"][0] >= 4
                hits[(*key, "csat")][1] += 1
            if a.get("referral"):
                hits[(*key, "referral_gap")][0] += a["referral"][0] == 4
                hits[(*key, "referral_gap")][1] += 1
            if a.get("visits") == [1] and a.get("resolved"):
                hits[(*key, "first_visit_resolution")][0] += a["resolved"][0] == 1
                hits[(*key, "first_visit_resolution")][1] += 1
    shown = 0
    for row in data["rows"]:
        x, n = hits[(row["site"], row["period"], row["indicator"])]
        if row["suppressed"]:
            assert row["share"] is None and (row["n"] is None or n < 10)
            continue
        low, high = wilson(x, n)
        assert row["n"] == n
        assert (row["share"], row["share_low"], row["share_high"]) == pytest.approx(
            (x / n, low, high), rel=1e-5
        )
        shown += 1
    assert shown > 30
    assert {r["indicator"] for r in data["rows"]} == {
        "csat",
        "first_visit_resolution",
        "referral_gap",
    }
    # CSAT is the summary's top-2 of overall, same cells, same suppression
    summary = {
        (r.site, r.period): r
        for r in summarize(engine, by="year", channel="kiosk").rows
        if r.item == "overall"
    }
    for row in data["rows"]:
        if row["indicator"] == "csat":
            cell = summary[(row["site"], row["period"])]
            assert (row["n"], row["suppressed"]) == (cell.n, cell.suppressed)
            if not cell.suppressed:
                assert row["share"] == pytest.approx(cell.top2, rel=1e-5)


def test_first_visit_resolution_is_protected(engine, make_site, make_response):
    sites = [make_site(code) for code in ("A", "B", "C")]
    # A has 30 or more: the complement of C is taken from the sites below 30 (B)
    for site, count in zip(sites, (35, 15, 6), strict=True):
        for k in range(count):
            make_response(site, {"visits": (1,), "resolved": (1 + k % 3,)})
            make_response(site, {"visits": (2,), "resolved": (1,)})
    rows = headline(engine, by="all", start=date(2016, 1, 1), sites=["A"]).rows
    fvr = {r.site: r for r in rows if r.indicator == "first_visit_resolution"}
    assert set(fvr) == {"A", ALL}
    assert fvr["A"].n == 35 and fvr["A"].share == pytest.approx(12 / 35)
    assert fvr[ALL].n == 56 and fvr[ALL].share == pytest.approx(19 / 56)
    everything = headline(engine, by="all").rows
    table = {r.site: r for r in everything if r.indicator == "first_visit_resolution"}
    assert table["C"].n == "<10" and table["B"].n is None  # B hides C from ALL − A
    hidden = [table[s].suppressed for s in ("A", "B", "C")]
    assert not any(derivable(hidden, table[ALL].suppressed))
