"""Cells: one site (or the whole network) × period × item, with its suppression decided.

Built from the counts that :mod:`analysis.source` aggregates in SQL. Each
period × item forms one table: the site cells and their network total
(:data:`ALL`), protected together by :func:`analysis.disclosure.protect` (with
the answers in the top two of a 1–5 item, so that no hidden site's answers are
provably all or none in the top two).
A site counts in a period when it has any answer in it; a site without any
answer in a period has no cell there (it did not take part).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .disclosure import protect
from .source import RESPONDENTS, Counts, ItemInfo

ALL = "ALL"


@dataclass(frozen=True)
class Cell:
    site: str
    period: str
    item: ItemInfo
    n: int
    #: answer value (1..max_value) → count; for multiple choice: option → times named
    dist: dict[int, int]
    primary: bool
    secondary: bool

    @property
    def hidden(self) -> bool:
        return self.primary or self.secondary


CellKey = tuple[str, str, str]  # site code, period, item code


def cell_n(item: ItemInfo, values: dict[int, int]) -> int:
    """Valid answers: values 1..max (n/a excluded); respondents for multiple choice."""
    if item.kind == "multi":
        return values.get(RESPONDENTS, 0)
    return sum(c for v, c in values.items() if 1 <= v <= item.max_value)


def build(
    counts: Counts, items: Iterable[ItemInfo], site_codes: dict[int, str]
) -> dict[CellKey, Cell]:
    """All cells, site and network, of every period present in ``counts``."""
    by_item = {item.id: item for item in items}
    values: dict[tuple[str, str, int], dict[int, int]] = defaultdict(dict)
    present: dict[str, set[str]] = defaultdict(set)
    for (site_id, period, item_id, value), n in counts.items():
        code = site_codes[site_id]
        present[period].add(code)
        if item_id in by_item:
            values[(code, period, item_id)][value] = n
    cells: dict[CellKey, Cell] = {}
    for period, codes in present.items():
        ordered = sorted(codes)
        for item in by_item.values():
            dists = {code: _dist(item, values.get((code, period, item.id), {})) for code in ordered}
            parts = {
                code: cell_n(item, values.get((code, period, item.id), {})) for code in ordered
            }
            total = sum(parts.values())
            tops = {code: top_count(item, dists[code]) for code in ordered}
            decision = protect(parts, total, tops=tops if item.kind == "scale" else None)
            for code in ordered:
                cells[(code, period, item.code)] = Cell(
                    code,
                    period,
                    item,
                    parts[code],
                    dists[code],
                    code in decision.primary,
                    code in decision.secondary,
                )
            network = {v: sum(d[v] for d in dists.values()) for v in range(1, item.max_value + 1)}
            cells[(ALL, period, item.code)] = Cell(
                ALL, period, item, total, network, decision.total_hidden, False
            )
    return cells


def top_count(item: ItemInfo, dist: dict[int, int]) -> int:
    """Answers in the top two of a scale (0 for other items)."""
    if item.kind != "scale":
        return 0
    return dist.get(item.max_value, 0) + dist.get(item.max_value - 1, 0)


def _dist(item: ItemInfo, values: dict[int, int]) -> dict[int, int]:
    return {v: values.get(v, 0) for v in range(1, item.max_value + 1)}


def site_order(code: str) -> tuple[bool, str]:
    """Sites by code, the network last."""
    return (code == ALL, code)
