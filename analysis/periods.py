"""Periods in SQL: year and month of a date, period columns and labels, packed keys.

Portable between SQLite and PostgreSQL: :class:`YearOf` and :class:`MonthOf`
compile to ``EXTRACT`` in general and to ``substr`` on SQLite, which stores
dates as ISO text (much faster there than ``strftime``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Integer, cast, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

PERIODS = ("month", "quarter", "year", "all")


class PeriodError(ValueError):
    """An unknown kind of period."""


class YearOf(FunctionElement[int]):
    """The year of a date as an integer (``EXTRACT``; on SQLite, where dates are
    ISO text, ``substr``, which is much faster than ``strftime``)."""

    type = Integer()
    inherit_cache = True


class MonthOf(FunctionElement[int]):
    """The month (1–12) of a date as an integer."""

    type = Integer()
    inherit_cache = True


@compiles(YearOf)
def _year(element: YearOf, compiler: Any, **kw: Any) -> str:
    return f"CAST(EXTRACT(YEAR FROM {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(MonthOf)
def _month(element: MonthOf, compiler: Any, **kw: Any) -> str:
    return f"CAST(EXTRACT(MONTH FROM {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(YearOf, "sqlite")
def _year_sqlite(element: YearOf, compiler: Any, **kw: Any) -> str:
    return f"CAST(substr({compiler.process(element.clauses, **kw)}, 1, 4) AS INTEGER)"


@compiles(MonthOf, "sqlite")
def _month_sqlite(element: MonthOf, compiler: Any, **kw: Any) -> str:
    return f"CAST(substr({compiler.process(element.clauses, **kw)}, 6, 2) AS INTEGER)"


def period_columns(day: Any, by: str) -> tuple[list[Any], list[Any]]:
    """Portable SQL (SQLite and PostgreSQL) for the period of ``day``.

    Returns the labelled columns ``(period_year, period_part)`` to select and
    those to group by. ``part`` is the month (1–12) or the quarter (1–4); for
    ``year`` it is 0, and for ``all`` both are 0 (and nothing is grouped).
    Grouping is by label, so that PostgreSQL sees the very expression it selects.
    """
    if by not in PERIODS:
        raise PeriodError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")
    zero = literal_column("0", Integer)
    if by == "all":
        return [zero.label("period_year"), zero.label("period_part")], []
    year = YearOf(day).label("period_year")
    month = MonthOf(day)
    if by == "year":
        return [year, zero.label("period_part")], [year]
    part = (
        month
        if by == "month"
        else (month + literal_column("2", Integer)) // literal_column("3", Integer)
    ).label("period_part")
    return [year, part], [year, part]


def period_label(by: str, year: int, part: int) -> str:
    """``2016-03``, ``2016-Q1``, ``2016`` or ``all``."""
    if by == "month":
        return f"{year:04d}-{part:02d}"
    if by == "quarter":
        return f"{year:04d}-Q{part}"
    if by == "year":
        return f"{year:04d}"
    return "all"


#: ranges of the packed key's parts: period index (year·12 + month − 1 and the
#: like), item id, value + 1 (value ≥ −1)
_PERIODS, _ITEMS, _VALUES = 100_000, 100_000, 1_000


def packed(site: Any, periods: list[Any], by: str, item: Any, value: Any) -> Any:
    """One BIGINT holding site, period, item and value (see :func:`unpack`).

    ``periods`` are the columns of :func:`period_columns` for ``by``. Site ids
    below 922,337, item ids below 100,000 and values below 999 fit.
    """
    year, part = (p.element for p in periods)
    if by in ("month", "quarter"):
        index = year * literal_column("12") + part - literal_column("1")
    else:
        index = year  # the year, or 0 for "all"
    one = literal_column("1", BigInteger)
    return ((cast(site, BigInteger) * _PERIODS + index) * _ITEMS + item) * _VALUES + value + one


def unpack(key: int, by: str) -> tuple[int, str, int, int]:
    """(site id, period label, item id, value) of a key made by :func:`packed`."""
    rest, value = divmod(key, _VALUES)
    rest, item = divmod(rest, _ITEMS)
    site, index = divmod(rest, _PERIODS)
    if by in ("month", "quarter"):
        year, part = divmod(index, 12)
        part += 1
    else:
        year, part = index, 0
    return site, period_label(by, year, part), item, value - 1
