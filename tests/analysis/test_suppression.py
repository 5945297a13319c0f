from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.suppression import limited, protect, shown_n

from .disclosure import derivable


def test_primary_and_limited():
    decision = protect({"A": 5, "B": 12, "C": 40, "D": 9}, 66)
    assert decision.primary == {"A", "D"}
    assert decision.secondary == frozenset()
    assert not decision.total_hidden
    assert shown_n(5, True, False) == "<10" and shown_n(12, False, False) == 12
    assert limited(12, False) and not limited(40, False) and not limited(5, True)


def test_one_hidden_site_takes_another_with_it_but_not_by_size():
    decision = protect({"A": 50, "B": 3, "C": 14, "D": 14}, 81)
    assert decision.primary == {"B"}
    # one complement below 30, chosen by a fixed order of the keys, not as "the smallest"
    assert len(decision.secondary) == 1 and decision.secondary <= {"C", "D"}
    assert not decision.hidden("A")
    assert shown_n(14, False, True) is None


def test_small_total_hides_everything():
    decision = protect({"A": 4, "B": 5}, 9)
    assert decision.total_hidden and decision.primary == {"A", "B"}


def test_total_must_be_the_sum():
    with pytest.raises(ValueError):
        protect({"A": 4}, 5)


def test_empty_cell_is_protected_too():
    # n = 0 is below 10; "total minus shown" must not reveal that it is 0
    decision = protect({"A": 0, "B": 30, "C": 40}, 70)
    assert decision.primary == {"A"} and len(decision.secondary) == 1


tables = st.lists(st.one_of(st.integers(0, 12), st.integers(0, 400)), min_size=1, max_size=17)


@settings(max_examples=500, deadline=None)
@given(tables)
def test_nothing_suppressed_can_be_derived_by_subtraction(sizes):
    parts = {f"S{i:02d}": n for i, n in enumerate(sizes)}
    decision = protect(parts, sum(sizes))
    hidden = [decision.hidden(k) for k in parts]
    assert not any(derivable(hidden, decision.total_hidden))
    # every small cell is hidden, and no large cell is hidden without need
    assert all(decision.hidden(k) for k, n in parts.items() if n < 10)
    assert decision.total_hidden == (sum(sizes) < 10)


def test_disclosure_check_can_fail():
    # the checker itself: one hidden part under a shown total is derivable
    assert derivable([False, True, False], total_hidden=False) == [False, True, False]
    assert derivable([False, True, True], total_hidden=False) == [False, False, False]
    assert derivable([True, True], total_hidden=True) == [False, False]
