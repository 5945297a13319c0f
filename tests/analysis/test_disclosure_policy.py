"""The disclosure policy against an attacker who solves linear programs.

One table (a family: a total and its parts) is published as the outputs show
it; :mod:`tests.analysis.attacker` then proves what it can about each hidden
part. The promise (docs/methodology.md): at least five possible counts for
every hidden count, hidden answers neither provably all nor provably none in
the top two, and the hidden parts together at least 10 answers.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.disclosure import MIN_N, bounds, protect
from analysis.disclosure.family import box

from .attacker import Problem, breaches, solve


def publish(parts: dict[str, int], tops: dict[str, int]) -> Problem:
    """What an attacker sees: the total, the shown parts, and how each hidden one is marked."""
    decision = protect(parts, sum(parts.values()), tops=tops)
    problem = Problem(classes=2, top=frozenset({0}))
    hidden = [k for k in parts if decision.hidden(k)]
    neutral = len(hidden) == len(parts) and not decision.primary
    for k in hidden:
        if neutral:  # all marked alike: nothing but the total bounds them
            problem.boxes[k] = (0.0, float(sum(parts.values())))
        else:
            problem.hide(k, k in decision.primary)
    if hidden and not decision.total_hidden:
        top = sum(tops[k] for k in hidden)
        problem.relate(hidden, 0, top)
        problem.relate(hidden, 1, sum(parts[k] for k in hidden) - top)
    return problem


def test_the_second_hidden_cell_is_not_the_smallest_shown_one():
    # the old rule hid the smallest shown site; with 10 there, both hidden cells were pinned
    parts = {"A": 4, "B": 10, "C": 11, "D": 12, "E": 40}
    tops = {"A": 2, "B": 5, "C": 5, "D": 6, "E": 20}
    problem = publish(parts, tops)
    assert not breaches(solve(problem))
    assert len(problem.boxes) >= 2


def test_hidden_cells_summing_to_zero_or_to_nine_each_take_a_complement():
    for parts in ({"A": 0, "B": 0, "C": 30, "D": 31}, {"A": 9, "B": 9, "C": 30, "D": 31}):
        tops = {k: n // 2 for k, n in parts.items()}
        problem = publish(parts, tops)
        assert len(problem.boxes) >= 3
        assert not breaches(solve(problem))


def test_hidden_answers_all_in_the_top_two_take_one_with_other_answers():
    parts = {"A": 5, "B": 6, "C": 20, "D": 25}
    tops = {"A": 5, "B": 6, "C": 10, "D": 10}  # every hidden answer a 4 or 5
    problem = publish(parts, tops)
    assert {"A", "B"} < set(problem.boxes)
    assert not breaches(solve(problem))


def test_the_closed_form_is_the_linear_program():
    boxes = [box(3), box(12, capped=True), box(40)]
    problem = Problem(classes=1)
    for k, b in enumerate(boxes):
        problem.boxes[k] = b
    problem.relate([0, 1, 2], 0, 55)
    proofs = solve(problem)
    for k, (low, high) in enumerate(bounds(boxes, 55)):
        assert (proofs[k].low, proofs[k].high) == (low, high)


def test_the_attacker_finds_what_the_old_rule_gave_away():
    # the attacker is not toothless: one hidden part under a shown total is pinned
    problem = Problem(classes=2, top=frozenset({0}))
    problem.hide("Kiosk", True)
    problem.relate(["Kiosk"], 0, 4)
    problem.relate(["Kiosk"], 1, 5)
    assert breaches(solve(problem)) == ["Kiosk: 9..9"]


sizes = st.lists(st.one_of(st.integers(0, 12), st.integers(0, 60)), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(sizes, st.randoms(use_true_random=False))
def test_no_published_table_lets_a_hidden_part_be_narrowed(ns, rnd):
    parts = {f"S{i:02d}": n for i, n in enumerate(ns)}
    tops = {k: rnd.randint(0, n) for k, n in parts.items()}
    decision = protect(parts, sum(ns), tops=tops)
    assert all(decision.hidden(k) for k, n in parts.items() if n < MIN_N)
    total, total_top = sum(ns), sum(tops.values())
    problem = publish(parts, tops)
    attribute = 0 < total_top < total  # else the shown total says it of every part
    if decision.total_hidden or not problem.boxes:
        return
    assert not breaches(solve(problem), attribute), (parts, tops, decision)


def test_a_family_that_cannot_be_protected_part_by_part_is_marked_alike():
    decision = protect({"kiosk": 3, "online": 10}, 13, tops={"kiosk": 1, "online": 5})
    assert decision.primary == frozenset() and decision.secondary == {"kiosk", "online"}
