"""The attacker against ``analysis summary`` on a demo network with many small cells.

For every published table (one period × item: the sites and the network total,
with every count of the distribution) the attacker of :mod:`.attacker` proves
what it can about each hidden site. Nothing may be narrowed below the promise.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from analysis.cells import ALL
from analysis.summary import SummaryRow, summarize

from .attacker import Problem, breaches, solve

SCALE = {"appointment", "waiting", "friendly", "understood", "fair", "trust", "overall"}


def attack(rows: list[SummaryRow]) -> tuple[list[str], int]:
    tables: dict[tuple[str, str], list[SummaryRow]] = defaultdict(list)
    for row in rows:
        tables[(row.period, row.item)].append(row)
    found, hidden_cells = [], 0
    for (period, item), table in tables.items():
        total = next(r for r in table if r.site == ALL)
        sites = [r for r in table if r.site != ALL]
        hidden = [r for r in sites if r.suppressed]
        if not hidden or total.suppressed:
            continue
        hidden_cells += len(hidden)
        values = sorted(total.dist, key=int) if item != "improve" else []
        scale = item in SCALE
        problem = Problem(
            classes=max(len(values), 1),
            top=frozenset({len(values) - 2, len(values) - 1}) if scale else frozenset(),
        )
        neutral = len(hidden) == len(sites) and all(r.n is None for r in hidden)
        for r in hidden:
            if neutral:
                problem.boxes[(period, item, r.site)] = (0.0, float(total.n))
            else:
                problem.hide((period, item, r.site), r.n == "<10")
        keys = [(period, item, r.site) for r in hidden]
        shown = [r for r in sites if not r.suppressed]
        if values:
            for c, v in enumerate(values):
                problem.relate(keys, c, total.dist[v] - sum(r.dist[v] for r in shown))
        else:  # multiple choice: only the respondents add up
            problem.relate(keys, 0, total.n - sum(r.n for r in shown))
        attribute = scale and 0 < _top(total) < total.n
        found += breaches(solve(problem), attribute)
    return found, hidden_cells


def _top(row: SummaryRow) -> int:
    values = sorted(row.dist, key=int)
    return row.dist[values[-1]] + row.dist[values[-2]]


@pytest.mark.parametrize(("by", "start"), [("month", date(2016, 7, 1)), ("quarter", None)])
def test_no_hidden_site_can_be_narrowed_in_any_table(engine, demo, by, start):
    # the months of one year (every month would take two minutes), every quarter
    rows = summarize(engine, by=by, start=start).rows
    found, hidden = attack(rows)
    assert hidden > 100  # the data set has many small cells
    assert not found, found[:10]
