"""Alert evaluation against an independent computation: every answer spelled out,
the newest whole days taken by hand, and the Wilson interval of statsmodels."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from analysis.alerts import KINDS, Rule, RuleError, evaluate, window

DAY = date(2016, 3, 1)


def expected(rule: Rule, rows: list[tuple[date, int, int]]) -> tuple[int, int, date, date] | None:
    """(x, n, first day, last day) of the rule's window, from single answers."""
    kind = KINDS[rule.kind]
    answers = [
        (day, value) for day, value, n in rows for _ in range(n) if 1 <= value <= kind.max_value
    ]
    answers.sort(key=lambda a: a[0], reverse=True)
    taken: list[tuple[date, int]] = []
    for day in sorted({d for d, _ in answers}, reverse=True):
        if len(taken) >= rule.last_n:
            break
        taken += [a for a in answers if a[0] == day]
    if len(taken) < 10:
        return None
    x = sum(1 for _, v in taken if v in kind.counted)
    return x, len(taken), taken[-1][0], taken[0][0]


rows_strategy = st.lists(
    st.tuples(
        st.integers(0, 60).map(lambda k: DAY + timedelta(days=k)),
        st.integers(-1, 5),
        st.integers(0, 9),
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(
    rows=rows_strategy,
    kind=st.sampled_from(sorted(KINDS)),
    threshold=st.floats(0.05, 0.95),
    last_n=st.integers(30, 120),
)
def test_evaluation_matches_an_independent_computation(rows, kind, threshold, last_n):
    rule = Rule(kind, threshold, last_n)
    result = evaluate(rule, rows)
    want = expected(rule, rows)
    if want is None:
        assert not result.evaluated and result.share is None and not result.firing
        return
    x, n, first, last = want
    low, high = proportion_confint(x, n, alpha=0.05, method="wilson")
    assert result.evaluated and result.n == n
    assert result.share == pytest.approx(x / n)
    assert (result.low, result.high) == pytest.approx((low, high), abs=1e-9)
    assert (result.first_day, result.last_day) == (first, last)
    above = kind == "referral_gap_above"
    assert result.firing == (x / n > threshold if above else x / n < threshold)


def test_whole_days_until_n_newest_first():
    # 20 answers a day on three days: 50 needs all three (60 answers), never a part of one
    rows = [(DAY + timedelta(days=k), 5, 20) for k in range(3)] + [(DAY - timedelta(days=9), 1, 40)]
    days = window(rows, KINDS["csat_below"], 50)
    assert [d for d, _ in days] == [DAY + timedelta(days=k) for k in (2, 1, 0)]
    result = evaluate(Rule("csat_below", 0.5, 50), rows)
    assert result.n == 60 and result.share == 1.0 and not result.firing
    assert result.first_day == DAY and result.last_day == DAY + timedelta(days=2)


def test_the_methodology_example_and_the_direction_of_each_kind():
    # 16 of 20 → [0.584, 0.919] (docs/methodology.md §3)
    rows = [(DAY, 5, 16), (DAY, 2, 4)]
    result = evaluate(Rule("csat_below", 0.9, 30), rows)
    assert (round(result.low, 3), round(result.high, 3)) == (0.584, 0.919)
    assert result.firing and result.limited  # 20 answers: fewer than 30
    assert not evaluate(Rule("csat_below", 0.8, 30), rows).firing  # equal is not below
    referral = [(DAY, 4, 6), (DAY, 1, 14), (DAY, 0, 50)]  # value 0 (n/a) is no answer
    gap = evaluate(Rule("referral_gap_above", 0.25, 30), referral)
    assert gap.n == 20 and gap.share == pytest.approx(0.3) and gap.firing
    assert not evaluate(Rule("referral_gap_above", 0.3, 30), referral).firing


def test_fewer_than_ten_answers_are_never_evaluated():
    result = evaluate(Rule("csat_below", 0.99, 30), [(DAY, 1, 9), (DAY, 0, 30), (DAY, -1, 5)])
    assert not result.evaluated and result.n == 9
    assert result.share is None and result.low is None and not result.firing


@pytest.mark.parametrize(
    ("kind", "threshold", "last_n", "message"),
    [
        ("mean_below", 0.5, 50, "unknown kind"),
        ("csat_below", 0.0, 50, "strictly between"),
        ("csat_below", 1.0, 50, "strictly between"),
        ("csat_below", 0.5, 29, "at least"),
    ],
)
def test_bad_rules_are_refused(kind, threshold, last_n, message):
    with pytest.raises(RuleError, match=message):
        Rule(kind, threshold, last_n)
