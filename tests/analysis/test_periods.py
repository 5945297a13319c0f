"""The period SQL and the packed key, run on the backend under test."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Date, Integer, literal, select

from analysis.periods import PeriodError, packed, period_columns, unpack

CASES = [
    (date(2016, 3, 14), 1, 5, 4),
    (date(2013, 10, 1), 922_336, 99_999, -1),
    (date(2017, 12, 31), 17, 1, 0),
    (date(2099, 1, 1), 3, 250, 998),
]
LABELS = {
    "month": ["2016-03", "2013-10", "2017-12", "2099-01"],
    "quarter": ["2016-Q1", "2013-Q4", "2017-Q4", "2099-Q1"],
    "year": ["2016", "2013", "2017", "2099"],
    "all": ["all"] * 4,
}


@pytest.mark.parametrize("by", list(LABELS))
def test_packed_key_round_trip_in_sql(engine, by):
    with engine.connect() as conn:
        for (day, site, item, value), label in zip(CASES, LABELS[by], strict=True):
            columns, _ = period_columns(literal(day, Date), by)
            key = packed(literal(site, Integer), columns, by, literal(item), literal(value))
            number = conn.scalar(select(key))
            assert unpack(int(number), by) == (site, label, item, value)


def test_unknown_period():
    with pytest.raises(PeriodError, match="unknown period 'week'"):
        period_columns(literal(date(2016, 1, 1), Date), "week")
