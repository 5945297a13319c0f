"""An independent check that suppressed cells cannot be derived by subtraction.

A table is a total and its parts, with the linear relation total = Σ parts for
every count (n and each value of the distribution). The hidden cells are the
unknowns; a hidden cell is derivable exactly when its unit vector lies in the
row space of the relation restricted to the unknowns (linear algebra, not the
rule the implementation applies).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def derivable(hidden_parts: Sequence[bool], total_hidden: bool) -> list[bool]:
    """For each hidden part, whether the shown figures determine it."""
    unknowns = [i for i, h in enumerate(hidden_parts) if h]
    columns = len(unknowns) + (1 if total_hidden else 0)
    if not unknowns:
        return [False] * len(hidden_parts)
    relation = np.ones((1, columns))
    if total_hidden:
        relation[0, -1] = -1
    rank = np.linalg.matrix_rank(relation)
    out = [False] * len(hidden_parts)
    for column, part in enumerate(unknowns):
        unit = np.zeros((1, columns))
        unit[0, column] = 1
        out[part] = np.linalg.matrix_rank(np.vstack([relation, unit])) == rank
    return out
