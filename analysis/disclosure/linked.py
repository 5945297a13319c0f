"""Linked tables: a cell is hidden the same way wherever it appears.

A breakdown (one site's figures by channel, language or topic) is a family:
its groups are the parts, the site's figure without that breakdown is the
total, shown on the same page. :func:`families` protects each family
(:func:`.family.protect`), starting from the cells the site table hid already.
A view *filtered* to one group (``--channel kiosk``, the dashboard's language
filter) shows a part of that family: :func:`filtered` builds the family and
hides the cell there when the family hides it, so a filter cannot show what
the breakdown hides, nor the other way round.

Staff views fix at most one breakdown dimension at a time; the decision below
also holds with several fixed (a cell is hidden when any of its families hides
it), but a cross of two dimensions is then not protected as a two-way table.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection

from .. import source
from ..cells import Cell, CellKey, build, top_count
from .family import protect

Grouped = Callable[[source.Filter, str], dict[Any, source.Counts]]
Counted = Callable[[source.Filter], source.Counts]


def answer_counters(conn: Connection, questionnaire: int, by: str) -> tuple[Counted, Grouped]:
    """The answer counts of ``conn`` as the two callables :func:`filtered` takes."""

    def counted(flt: source.Filter) -> source.Counts:
        return source.answer_counts(conn, questionnaire, by, flt)

    def grouped(flt: source.Filter, group: str) -> dict[Any, source.Counts]:
        return source.grouped_counts(conn, questionnaire, by, flt, group)

    return counted, grouped


def families(groups: Mapping[Hashable, dict[CellKey, Cell]]) -> dict[Any, dict[CellKey, Cell]]:
    """The groups' cells with each family (same site, period, item) protected."""
    keys = {key for cells in groups.values() for key in cells}
    marks: dict[tuple[Hashable, CellKey], tuple[bool, bool]] = {}
    for key in keys:
        members = {g: cells[key] for g, cells in groups.items() if key in cells}
        parts = {g: c.n for g, c in members.items()}
        scale = next(iter(members.values())).item.kind == "scale"
        tops = {g: top_count(c.item, c.dist) for g, c in members.items()} if scale else None
        forced = [g for g, c in members.items() if c.hidden]
        decision = protect(parts, sum(parts.values()), tops=tops, forced=forced)
        for g in members:
            if decision.hidden(g):
                marks[(g, key)] = (g in decision.primary, g in decision.secondary)
    return {
        g: {key: _marked(cell, marks.get((g, key))) for key, cell in cells.items()}
        for g, cells in groups.items()
    }


def _marked(cell: Cell, mark: tuple[bool, bool] | None) -> Cell:
    if mark is None:
        return cell
    return _hidden(cell, primary=mark[0])


def _hidden(cell: Cell, *, primary: bool) -> Cell:
    """``cell`` hidden; marked "below 10" only if every table that hides it marks it so
    (a table that marks its parts alike needs that mark wherever the cell appears),
    which makes the result the same in whatever order the tables are applied."""
    primary = primary and (cell.primary or not cell.hidden)
    return replace(cell, primary=primary, secondary=not primary)


def _as_in(cells: dict[CellKey, Cell], family: dict[CellKey, Cell]) -> dict[CellKey, Cell]:
    """``cells`` hidden, and marked, as their ``family`` hides them."""
    out = {}
    for key, cell in cells.items():
        other = family.get(key)
        if other is not None and other.hidden:
            cell = _hidden(cell, primary=other.primary)
        out[key] = cell
    return out


def grouped_cells(
    grouped: Grouped,
    flt: source.Filter,
    group: str,
    items: Iterable[source.ItemInfo],
    codes: dict[int, str],
) -> dict[Any, dict[CellKey, Cell]]:
    """Cells of every value of ``group`` under ``flt``, families protected."""
    chosen = list(items)
    return families({g: build(c, chosen, codes) for g, c in grouped(flt, group).items()})


def filtered(
    counted: Counted,
    grouped: Grouped,
    flt: source.Filter,
    items: Iterable[source.ItemInfo],
    codes: dict[int, str],
) -> dict[CellKey, Cell]:
    """The cells of ``flt``; where it fixes a channel, locale or topic, each cell is
    hidden when the family of that dimension hides it."""
    chosen = list(items)
    cells = build(counted(flt), chosen, codes)
    for dimension in source.GROUPS:
        value = getattr(flt, dimension)
        if value is None:
            continue
        rest = replace(flt, **{dimension: None})
        family = grouped_cells(grouped, rest, dimension, chosen, codes).get(value, {})
        cells = _as_in(cells, family)
    return cells


def grouped_filtered(
    grouped: Grouped,
    flt: source.Filter,
    group: str,
    items: Iterable[source.ItemInfo],
    codes: dict[int, str],
) -> dict[Any, dict[CellKey, Cell]]:
    """:func:`grouped_cells`, and where ``flt`` fixes another dimension too, each
    value's cells hidden as :func:`filtered` hides them for that value (one more
    query per value and dimension: staff views fix one dimension only)."""
    chosen = list(items)
    out = grouped_cells(grouped, flt, group, chosen, codes)
    for dimension in source.GROUPS:
        value = getattr(flt, dimension)
        if value is None or dimension == group:
            continue
        for g, cells in out.items():
            rest = replace(flt, **{dimension: None, group: g})
            family = grouped_cells(grouped, rest, dimension, chosen, codes).get(value, {})
            out[g] = _as_in(cells, family)
    return out
