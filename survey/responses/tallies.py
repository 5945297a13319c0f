"""Tallies: the aggregate tables the dashboards and ``analysis`` read.

Their size grows with sites × time, never with the number of answers:

- :class:`ResponseTally` counts responses per site × day × channel × locale;
- :class:`AnswerTally` counts answers per site × day × channel × item × value,
  for any date range and the channel split;
- :class:`MonthTally` counts answers per site × month × channel × locale ×
  topic × item × value, for breakdowns and filters by language and topic.
  (Locale and topic at day level would barely aggregate: at a million
  responses such a table is nearly as long as the answers themselves.)

All three are updated in the same transaction as the response, with
``INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n``, which is atomic on
PostgreSQL and SQLite alike: concurrent writers never lose a count.

Conventions for ``value``:

- 1..max_value counts answers with that value;
- 0 (:data:`~survey.responses.models.NOT_APPLICABLE`) counts "not applicable";
- -1 (:data:`RESPONDENTS`) exists for multiple-choice items only and counts the
  respondents who answered the item (each names one or more options);
- :data:`FIRST_VISIT` + v (100 + v: 100..199, a reserved range) exists for the
  item :data:`RESOLVED_ITEM` only and counts its answers v among the responses
  that also answered :data:`VISITS_ITEM` with 1 ("first visit"), for
  first-visit resolution (docs/methodology.md §2), which needs two answers of the
  same response. These rows are written by the same upserts as the others (no
  extra statement per response) and grow with sites × days like them. Every
  reader of item distributions keeps ``value < FIRST_VISIT``; questionnaire
  items have fewer than :data:`FIRST_VISIT` options, so the ranges never meet.

``topic`` in :class:`MonthTally` is the response's answer to the item
:data:`TOPIC_ITEM`, or :data:`NO_TOPIC` when it was not answered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Connection,
    Date,
    ForeignKey,
    Integer,
    Select,
    SmallInteger,
    String,
    Table,
    and_,
    delete,
    func,
    insert,
    literal,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column

from survey.database.base import Base
from survey.database.prepared import Prepared
from survey.questionnaires.models import Item
from survey.responses.models import Answer, Response


class ResponseTally(Base):
    __tablename__ = "tally_response"
    __table_args__ = (CheckConstraint("n >= 0", name="n"),)

    site_id: Mapped[int] = mapped_column(
        ForeignKey("site.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    channel: Mapped[str] = mapped_column(String(8), primary_key=True)
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id"), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class AnswerTally(Base):
    __tablename__ = "tally_answer"
    __table_args__ = (
        CheckConstraint("n >= 0", name="n"),
        CheckConstraint("value >= -1", name="value"),
    )

    site_id: Mapped[int] = mapped_column(
        ForeignKey("site.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    channel: Mapped[str] = mapped_column(String(8), primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), primary_key=True)
    value: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class MonthTally(Base):
    __tablename__ = "tally_month"
    __table_args__ = (
        CheckConstraint("n >= 0", name="n"),
        CheckConstraint("value >= -1", name="value"),
        CheckConstraint("topic >= 0", name="topic"),
    )

    site_id: Mapped[int] = mapped_column(
        ForeignKey("site.id", ondelete="CASCADE"), primary_key=True
    )
    #: first day of the month
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    channel: Mapped[str] = mapped_column(String(8), primary_key=True)
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    topic: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), primary_key=True)
    value: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


RESPONDENTS = -1
TOPIC_ITEM = "topic"
NO_TOPIC = 0
#: first-visit counts of ``resolved`` are stored as FIRST_VISIT + value
FIRST_VISIT = 100
RESOLVED_ITEM = "resolved"
VISITS_ITEM = "visits"

RESPONSE_KEY = ("site_id", "day", "channel", "locale", "questionnaire_id")
ANSWER_KEY = ("site_id", "day", "channel", "questionnaire_id", "item_id", "value")
MONTH_KEY = (
    "site_id",
    "month",
    "channel",
    "locale",
    "topic",
    "questionnaire_id",
    "item_id",
    "value",
)


@dataclass
class Counts:
    """The tally rows of one response, each with its ``n`` (built by :func:`rows`)."""

    responses: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    months: list[dict[str, Any]] = field(default_factory=list)

    def tables(self) -> list[tuple[Table, list[dict[str, Any]], tuple[str, ...]]]:
        """(table, rows in key order, key) per tally, in the order they are locked."""
        out = []
        for model, found, key in (
            (ResponseTally, self.responses, RESPONSE_KEY),
            (AnswerTally, self.answers, ANSWER_KEY),
            (MonthTally, self.months, MONTH_KEY),
        ):
            merged: dict[tuple[Any, ...], dict[str, Any]] = {}
            of = itemgetter(*key)
            for row in found:  # one row per counter: ON CONFLICT may touch a row once
                k = of(row)
                if k in merged:
                    merged[k] = {**merged[k], "n": merged[k]["n"] + row["n"]}
                else:
                    merged[k] = row
            out.append((model.__table__, [merged[k] for k in sorted(merged)], key))
        return out


def rows(
    cell: dict[str, Any],
    answers: Iterable[tuple[int, int]],
    multi_items: frozenset[int],
    topic: int,
    item_ids: Mapping[str, int],
) -> Counts:
    """The tally rows that count one response (what :func:`add` adds).

    ``cell`` holds the :data:`RESPONSE_KEY` columns, ``answers`` the
    ``(item_id, value)`` pairs stored for the response, ``topic`` its answer
    to :data:`TOPIC_ITEM` (or :data:`NO_TOPIC`), ``item_ids`` the questionnaire's
    item ids by code (for the first-visit rows).
    """
    out = Counts(responses=[{**cell, "n": 1}])
    counts: Counter[tuple[int, int]] = Counter(answers)
    for item_id in {item_id for item_id, _ in counts if item_id in multi_items}:
        counts[(item_id, RESPONDENTS)] = 1
    resolved = item_ids.get(RESOLVED_ITEM)
    if (item_ids.get(VISITS_ITEM), 1) in counts:
        for (item_id, value), n in list(counts.items()):
            if item_id == resolved:
                counts[(item_id, FIRST_VISIT + value)] = n
    if not counts:
        return out
    day, locale = cell["day"], cell["locale"]
    base = {k: cell[k] for k in ("site_id", "channel", "questionnaire_id")}
    month = {**base, "month": day.replace(day=1), "locale": locale, "topic": topic}
    ordered = sorted(counts.items())
    out.answers = [{**base, "day": day, "item_id": i, "value": v, "n": n} for (i, v), n in ordered]
    out.months = [{**month, "item_id": i, "value": v, "n": n} for (i, v), n in ordered]
    return out


def add(
    conn: Connection,
    cell: dict[str, Any],
    answers: Iterable[tuple[int, int]],
    multi_items: frozenset[int],
    topic: int,
    item_ids: Mapping[str, int],
) -> None:
    """Count one response in the tallies (see :func:`rows`)."""
    apply(conn, rows(cell, answers, multi_items, topic, item_ids))


def apply(conn: Connection, counts: Counts) -> None:
    """Add ``counts`` to the tallies: one executemany per tally, rows in key order."""
    for table, found, key in counts.tables():
        if found:
            upsert(conn, table, found, key)


def upsert(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], key: Sequence[str]
) -> None:
    """Add ``n`` of each row to its counter, creating missing counters.

    Rows are applied in the order given: callers pass them in key order, so two
    transactions touching the same counters lock them in the same order and
    cannot deadlock.
    """
    _upsert_statement(conn.dialect, table, tuple(key)).execute(conn, list(rows))


_UPSERTS: dict[tuple[str, str, str, tuple[str, ...]], Prepared] = {}


def _upsert_statement(dialect: Dialect, table: Table, key: tuple[str, ...]) -> Prepared:
    """Compiled once per table: SQLAlchemy does not cache ``ON CONFLICT`` statements,
    and compiling them was a fifth of a kiosk submission's time."""
    cache_key = (dialect.name, dialect.paramstyle, table.name, key)
    found = _UPSERTS.get(cache_key)
    if found is None:
        found = _UPSERTS[cache_key] = _compile_upsert(dialect, table, key)
    return found


def _compile_upsert(dialect: Dialect, table: Table, key: tuple[str, ...]) -> Prepared:
    module = {"postgresql": postgresql, "sqlite": sqlite}[dialect.name]
    stmt = module.insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(key), set_={"n": table.c.n + stmt.excluded.n}
    )
    return Prepared.compile(stmt, dialect)


def recount_responses(flagged: bool = False) -> Select[Any]:
    """The response tally computed from the raw rows (for checks and rebuilds)."""
    r = Response.__table__
    cols = [r.c[name] for name in RESPONSE_KEY]
    return select(*cols, func.count().label("n")).where(r.c.flagged == flagged).group_by(*cols)


def _month_of(day: Any, dialect: str) -> Any:
    if dialect == "sqlite":
        return type_coerce(func.date(day, "start of month"), Date)
    return func.cast(func.date_trunc("month", day), Date)


def _recount(columns: dict[str, Any], flagged: bool, source: Any = None) -> Select[Any]:
    """Answer counts by ``columns`` (name → expression over ``source``).

    ``source`` defaults to response ⋈ answer; it may add joins the columns need.
    """
    r, a, i = Response.__table__, Answer.__table__, Item.__table__
    joined = source if source is not None else r.join(a, a.c.response_id == r.c.id)
    cols = [expr.label(name) for name, expr in columns.items()]
    values = (
        select(*cols, a.c.item_id, a.c.value, func.count().label("n"))
        .select_from(joined)
        .where(r.c.flagged == flagged)
        .group_by(*cols, a.c.item_id, a.c.value)
    )
    respondents = (
        select(
            *cols,
            a.c.item_id,
            literal(RESPONDENTS, SmallInteger).label("value"),
            func.count(func.distinct(r.c.id)).label("n"),
        )
        .select_from(joined.join(i, i.c.id == a.c.item_id))
        .where(r.c.flagged == flagged, i.c.kind == "multi")
        .group_by(*cols, a.c.item_id)
    )
    # answers to `resolved` of responses that also answered `visits` = 1
    visit, kind = a.alias("visit"), i.alias("visit_item")
    first_visit = (
        select(
            *cols,
            a.c.item_id,
            (a.c.value + FIRST_VISIT).label("value"),
            func.count().label("n"),
        )
        .select_from(
            joined.join(i, and_(i.c.id == a.c.item_id, i.c.code == RESOLVED_ITEM))
            .join(visit, and_(visit.c.response_id == r.c.id, visit.c.value == 1))
            .join(kind, and_(kind.c.id == visit.c.item_id, kind.c.code == VISITS_ITEM))
        )
        .where(r.c.flagged == flagged)
        .group_by(*cols, a.c.item_id, a.c.value)
    )
    return union_all(values, respondents, first_visit).subquery().select()


def recount_answers(flagged: bool = False) -> Select[Any]:
    """The day tally computed from the raw rows (for checks and rebuilds)."""
    r = Response.__table__
    return _recount({k: r.c[k] for k in ANSWER_KEY[:4]}, flagged)


def recount_months(dialect: str, flagged: bool = False) -> Select[Any]:
    """The month tally computed from the raw rows (for checks and rebuilds)."""
    r, a, i = Response.__table__, Answer.__table__, Item.__table__
    topic_answer = a.alias("topic_answer")
    topics = (
        select(topic_answer.c.response_id, topic_answer.c.value.label("topic"))
        .join(i, i.c.id == topic_answer.c.item_id)
        .where(i.c.code == TOPIC_ITEM)
        .subquery("topics")
    )
    source = r.join(a, a.c.response_id == r.c.id).outerjoin(topics, topics.c.response_id == r.c.id)
    return _recount(
        {
            "site_id": r.c.site_id,
            "month": _month_of(r.c.day, dialect),
            "channel": r.c.channel,
            "locale": r.c.locale,
            "topic": func.coalesce(topics.c.topic, NO_TOPIC),
            "questionnaire_id": r.c.questionnaire_id,
        },
        flagged,
        source,
    )


def rebuild(conn: Connection, site_ids: Sequence[int] | None = None) -> None:
    """Replace the tallies (of some sites, or all) by a recount from the raw rows."""
    for model, recount, key in (
        (ResponseTally, recount_responses(), RESPONSE_KEY),
        (AnswerTally, recount_answers(), ANSWER_KEY),
        (MonthTally, recount_months(conn.dialect.name), MONTH_KEY),
    ):
        table = model.__table__
        wipe = delete(table)
        source = recount.subquery()
        query = select(source)
        if site_ids is not None:
            wipe = wipe.where(table.c.site_id.in_(site_ids))
            query = query.where(source.c.site_id.in_(site_ids))
        conn.execute(wipe)
        conn.execute(insert(table).from_select([*key, "n"], query))
