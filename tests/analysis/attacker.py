"""An attacker who solves the linear relations of what was published (``linprog``).

Independent of the policy's closed form: it is given only what an output shows.
Every hidden cell has one unknown per class of answers (the values of an
item's distribution, or just "top two" and "the rest"); a cell shown as "fewer
than 10" lies in 0..9, a cell hidden to protect another in 10..∞. Each
published total gives one equation per class over the hidden cells of its
family (total minus the shown cells), or an inequality where the family's
groups need not cover the total (answers without a topic).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

from analysis.disclosure import MIN_N, PROTECTED_COUNTS


@dataclass
class Problem:
    classes: int
    #: classes that are "top two" (empty: no attribute to protect)
    top: frozenset[int] = frozenset()
    boxes: dict[Hashable, tuple[float, float]] = field(default_factory=dict)
    #: (hidden cells, class, right-hand side, exact: equation, else ≤)
    relations: list[tuple[list[Hashable], int, float, bool]] = field(default_factory=list)

    def hide(self, key: Hashable, primary: bool) -> None:
        self.boxes[key] = (0.0, MIN_N - 1.0) if primary else (float(MIN_N), math.inf)

    def relate(self, keys: Sequence[Hashable], cls: int, rhs: float, exact: bool = True) -> None:
        self.relations.append((list(keys), cls, rhs, exact))


@dataclass(frozen=True)
class Proof:
    low: float
    high: float
    #: the most answers in the top two / outside it the cell can have
    top_high: float
    rest_high: float

    @property
    def counts(self) -> int:
        return int(math.floor(self.high + 1e-6) - math.ceil(self.low - 1e-6) + 1)


def solve(problem: Problem) -> dict[Hashable, Proof]:
    keys = list(problem.boxes)
    index = {
        (k, c): i for i, (k, c) in enumerate((k, c) for k in keys for c in range(problem.classes))
    }
    size = len(index)
    eq_rows, eq_rhs, ub_rows, ub_rhs = [], [], [], []
    for members, cls, rhs, exact in problem.relations:
        row = np.zeros(size)
        for k in members:
            row[index[(k, cls)]] = 1
        (eq_rows if exact else ub_rows).append(row)
        (eq_rhs if exact else ub_rhs).append(rhs)
    for k in keys:
        low, high = problem.boxes[k]
        row = np.zeros(size)
        for c in range(problem.classes):
            row[index[(k, c)]] = 1
        ub_rows.append(-row)
        ub_rhs.append(-low)
        if math.isfinite(high):
            ub_rows.append(row)
            ub_rhs.append(high)
    args = {
        "A_eq": np.array(eq_rows) if eq_rows else None,
        "b_eq": eq_rhs or None,
        "A_ub": np.array(ub_rows) if ub_rows else None,
        "b_ub": ub_rhs or None,
        "bounds": [(0, None)] * size,
        "method": "highs",
    }

    def extreme(key: Hashable, classes: Sequence[int], sign: float) -> float:
        """The minimum (sign 1) or the maximum (sign -1) of the classes' sum."""
        objective = np.zeros(size)
        for c in classes:
            objective[index[(key, c)]] = sign
        result = linprog(objective, **args)
        if result.status == 3:  # unbounded
            return math.inf
        assert result.status == 0, result.message
        return sign * result.fun

    everything = range(problem.classes)
    rest = [c for c in everything if c not in problem.top]
    out = {}
    for k in keys:
        out[k] = Proof(
            low=extreme(k, everything, 1.0),
            high=extreme(k, everything, -1.0),
            top_high=extreme(k, sorted(problem.top), -1.0) if problem.top else math.inf,
            rest_high=extreme(k, rest, -1.0) if problem.top else math.inf,
        )
    return out


def breaches(proofs: dict[Hashable, Proof], attribute: bool = True) -> list[str]:
    """Hidden cells the attacker narrows below the promise."""
    out = []
    for key, proof in proofs.items():
        if proof.counts < PROTECTED_COUNTS:
            out.append(f"{key}: {proof.low:g}..{proof.high:g}")
        elif attribute and (proof.top_high < 0.5 or proof.rest_high < 0.5):
            out.append(f"{key}: all or none in the top two")
    return out
