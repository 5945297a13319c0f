"""Statistics that refuse what they cannot do: a clear message, no traceback, no figure
that looks like a result (issue 17, item 6)."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
from scipy.stats import chi2_contingency
from statsmodels.stats.multitest import multipletests

from analysis.compare import OverlappingPeriods, compare
from analysis.drivers import NoVariation, drivers
from analysis.network import across_sites

SCALE = ("appointment", "waiting", "friendly", "understood", "fair", "trust", "overall")


@pytest.fixture
def flat_waiting(make_site, make_response):
    """120 complete responses at WI in which everyone answered 'waiting' with 5."""
    site = make_site("WI", "Wiesbaden")
    rng = random.Random(1)
    for k in range(120):
        answers = {code: (rng.randint(1, 5),) for code in SCALE}
        answers["waiting"] = (5,)
        make_response(site, answers, day=date(2016, 3, 1 + k % 28))
    return site


def test_drivers_name_the_item_that_does_not_vary(engine, runner, flat_waiting):
    with pytest.raises(NoVariation, match="'waiting' does not vary"):
        drivers(engine, bootstrap=5)
    result = runner.invoke(args=["analysis", "drivers", "--bootstrap", "5"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: key drivers: 'waiting' does not vary (all 120 complete responses answered 5), "
        "so no weights can be estimated; choose other sites, dates or channel"
    ]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_compare_refuses_overlapping_periods(engine, runner, flat_waiting):
    a, b = (date(2016, 1, 1), date(2016, 3, 31)), (date(2016, 3, 1), date(2016, 6, 30))
    with pytest.raises(OverlappingPeriods, match="overlap from 2016-03-01 to 2016-03-31"):
        compare(engine, a=a, b=b)
    with pytest.raises(OverlappingPeriods):
        compare(engine, a=b, b=a)  # either order
    with pytest.raises(OverlappingPeriods):  # one day in common is an overlap too
        compare(
            engine, a=(date(2016, 1, 1), date(2016, 3, 1)), b=(date(2016, 3, 1), date(2016, 4, 1))
        )
    adjacent = compare(
        engine, a=(date(2016, 2, 1), date(2016, 2, 29)), b=(date(2016, 3, 1), date(2016, 3, 31))
    )
    assert adjacent.rows
    result = runner.invoke(args=["analysis", "compare", "--a", "2016-01-01:2016-03-31",
                                 "--b", "2016-03-01:2016-06-30"])  # fmt: skip
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "must not share a day" in result.output


def test_both_sides_constant_gives_a_reason_not_a_zero_width_interval(
    engine, runner, make_site, make_response
):
    site = make_site("GI", "Gießen")
    for k in range(12):
        make_response(site, {"overall": (5,), "waiting": (5,)}, day=date(2016, 1, 1 + k))
        make_response(site, {"overall": (5,), "waiting": (4 + k % 2,)}, day=date(2016, 5, 1 + k))
    out = runner.invoke(args=["analysis", "compare", "--a", "2016-01-01:2016-01-31",
                              "--b", "2016-05-01:2016-05-31", "--site", "GI"])  # fmt: skip
    assert out.exit_code == 0, out.output
    rows = {(r["site"], r["item"], r["metric"]): r for r in json.loads(out.output)["rows"]}
    flat = rows[("GI", "overall", "mean")]
    assert (flat["diff"], flat["diff_low"], flat["diff_high"], flat["p"]) == (0.0, None, None, None)
    assert "every answer is 5 in A and 5 in B" in flat["note"]
    varies = rows[("GI", "waiting", "mean")]  # B varies: Welch as always
    assert varies["note"] is None and varies["diff_low"] < varies["diff"] < varies["diff_high"]


#: respondents per site who named each option of improve, out of N per site
NAMED = {"AA": {1: 20, 2: 5, 5: 12}, "BB": {1: 8, 2: 6, 5: 12}, "CC": {1: 30, 2: 4, 5: 1}}
N = 40


@pytest.fixture
def wishes(make_site, make_response):
    """Respondents name up to three options; the counts per option and site are known."""
    for code, named in NAMED.items():
        site = make_site(code, code)
        for k in range(N):
            chosen = tuple(sorted(v for v, n in named.items() if k < n))
            answers = {"overall": (4,), **({"improve": chosen} if chosen else {})}
            if not chosen:
                answers["improve"] = (7,) if k % 2 else (8,)  # they answered something else
            make_response(site, answers, day=date(2016, 3, 1 + k % 28))


def test_improve_is_tested_per_option_with_holm_against_scipy(engine, runner, wishes):
    result = across_sites(engine, item="improve", period=(date(2016, 1, 1), date(2016, 12, 31)))
    assert result.method == "per-option" and result.p is None and result.statistic is None
    assert "each option is tested on its own" in result.note
    expected_p = {}
    for option in (1, 2, 5, 7, 8):
        table = []
        for named in NAMED.values():
            k = named.get(option, 0)
            if option in (7, 8):  # the respondents who named none of 1, 2, 5
                k = sum(1 for j in range(max(named.values()), N) if (j % 2 == 1) == (option == 7))
            table.append([k, N - k])
        statistic, p, df, _ = chi2_contingency(table, correction=False)
        expected_p[option] = (statistic, p, df)
    got = {t.option: t for t in result.options}
    assert set(got) == set(range(1, 9))
    for option in (3, 4, 6):  # named by nobody: no test, and not in the Holm family
        assert (got[option].named, got[option].p, got[option].p_adj) == (0, None, None)
        assert "by none" in got[option].note
    adjusted = multipletests([v[1] for v in expected_p.values()], method="holm")[1]
    holm = dict(zip(expected_p, adjusted, strict=True))
    for option, (statistic, p, df) in expected_p.items():
        test = got[option]
        assert test.method == "chi2" and test.df == df == 2
        assert test.statistic == pytest.approx(statistic, rel=1e-9)
        assert test.p == pytest.approx(p, rel=1e-9)
        assert test.p_adj == pytest.approx(holm[option], rel=1e-9)
        assert test.respondents == 3 * N
    assert got[1].named == 58 and got[1].p_adj < 0.001  # CC names waiting far more often
    assert got[5].p_adj < 0.01
    out = runner.invoke(args=["analysis", "sites", "--item", "improve", "--period",
                              "2016-01-01:2016-12-31", "--format", "csv"])  # fmt: skip
    assert out.exit_code == 0, out.output
    lines = out.output.strip().splitlines()
    assert lines[0].startswith("option,named,respondents,method") and len(lines) == 9
