"""Reading the survey database with SQLAlchemy Core, without the application's models.

The tables are declared here as lightweight ``table()``/``column()`` clauses,
so that ``analysis`` needs neither Flask nor the ``survey`` package: hand it a
SQLAlchemy :class:`~sqlalchemy.engine.Connection` (or an Engine).

Everything is aggregated in the database, periods included: a query returns
one row per site × period × item × value, never one row per answer or per day.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Date, Engine, Integer, and_, column, func, select, table, true

from .periods import PeriodError, packed, period_columns, unpack

CHANNELS = ("kiosk", "online", "paper")
#: value conventions of the tallies (see survey/responses/tallies.py)
NOT_APPLICABLE = 0
RESPONDENTS = -1
#: values from here up are reserved: FIRST_VISIT + v counts the answers v to
#: ``resolved`` of responses that answered ``visits`` = 1 (first visit)
FIRST_VISIT = 100
#: what a breakdown can be grouped by in one query (see :func:`grouped_counts`)
GROUPS = ("channel", "locale", "topic")

site_t = table("site", column("id", Integer), column("code"), column("name"))
questionnaire_t = table(
    "questionnaire", column("id", Integer), column("code"), column("version", Integer)
)
item_t = table(
    "item",
    column("id", Integer),
    column("questionnaire_id", Integer),
    column("code"),
    column("position", Integer),
    column("kind"),
    column("max_value", Integer),
    column("allow_na"),
)
tally_answer_t = table(
    "tally_answer",
    column("site_id", Integer),
    column("day", Date),
    column("channel"),
    column("questionnaire_id", Integer),
    column("item_id", Integer),
    column("value", Integer),
    column("n", Integer),
)
tally_month_t = table(
    "tally_month",
    column("site_id", Integer),
    column("month", Date),
    column("channel"),
    column("locale"),
    column("topic", Integer),
    column("questionnaire_id", Integer),
    column("item_id", Integer),
    column("value", Integer),
    column("n", Integer),
)
tally_response_t = table(
    "tally_response",
    column("site_id", Integer),
    column("day", Date),
    column("channel"),
    column("locale"),
    column("questionnaire_id", Integer),
    column("n", Integer),
)
response_t = table(
    "response",
    column("id"),
    column("site_id", Integer),
    column("questionnaire_id", Integer),
    column("channel"),
    column("day", Date),
    column("flagged"),
)
answer_t = table(
    "answer", column("response_id"), column("item_id", Integer), column("value", Integer)
)


class SourceError(ValueError):
    """A request names something the database does not have."""


@dataclass(frozen=True)
class ItemInfo:
    id: int
    code: str
    kind: str  # "scale", "choice" or "multi" (free text is never analysed)
    max_value: int


@dataclass(frozen=True)
class Filter:
    """What a figure counts: a day range (inclusive, open ends allowed), a channel,
    and, for breakdowns, a locale and a topic (the answer to ``topic``, 0 for none).

    Locale and topic are kept per month only (``tally_month``): with either of
    them, the range must start on the first and end on the last day of a month.
    """

    start: date | None = None
    end: date | None = None
    channel: str | None = None
    locale: str | None = None
    topic: int | None = None

    def __post_init__(self) -> None:
        if self.channel is not None and self.channel not in CHANNELS:
            raise SourceError(f"unknown channel {self.channel!r}")
        if self.start and self.end and self.start > self.end:
            raise SourceError("the start date lies after the end date")
        if self.monthly:
            whole_months = (self.start is None or self.start.day == 1) and (
                self.end is None or (self.end + timedelta(days=1)).day == 1
            )
            if not whole_months:
                raise SourceError(
                    "breakdowns by locale or topic are kept per month: start on the first "
                    "and end on the last day of a month"
                )

    @property
    def monthly(self) -> bool:
        """Needs the month tally (a locale or topic is asked for)."""
        return self.locale is not None or self.topic is not None


@contextmanager
def connected(bind: Connection | Engine) -> Iterator[Connection]:
    """Use a connection as it is, or open one from an engine for the duration."""
    if isinstance(bind, Connection):
        yield bind
    else:
        with bind.connect() as conn:
            yield conn


def questionnaire_id(conn: Connection, key: str) -> int:
    """Id of a questionnaire version given as ``code@version`` (e.g. ``core@1``)."""
    code, _, version = key.partition("@")
    if not version.isdigit():
        raise SourceError(f"questionnaire must be given as code@version, not {key!r}")
    found = conn.scalar(
        select(questionnaire_t.c.id).where(
            questionnaire_t.c.code == code, questionnaire_t.c.version == int(version)
        )
    )
    if found is None:
        raise SourceError(f"unknown questionnaire {key!r}")
    return int(found)


def items(conn: Connection, questionnaire: int) -> list[ItemInfo]:
    """The analysable items of a questionnaire, in questionnaire order."""
    rows = conn.execute(
        select(item_t.c.id, item_t.c.code, item_t.c.kind, item_t.c.max_value)
        .where(item_t.c.questionnaire_id == questionnaire, item_t.c.kind != "text")
        .order_by(item_t.c.position)
    )
    return [ItemInfo(int(i), code, kind, int(top)) for i, code, kind, top in rows]


def sites(conn: Connection) -> dict[int, str]:
    """Site id → code, for every site."""
    return {int(i): code for i, code in conn.execute(select(site_t.c.id, site_t.c.code))}


def site_ids(conn: Connection, codes: Sequence[str]) -> dict[str, int]:
    """Ids of the sites with the given codes; an unknown code is an error."""
    known = {code: i for i, code in sites(conn).items()}
    wanted = [c.upper() for c in codes]
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise SourceError(f"unknown site {', '.join(unknown)}")
    return {c: known[c] for c in wanted}


def _periods(day: Any, by: str) -> tuple[list[Any], list[Any]]:
    try:
        return period_columns(day, by)
    except PeriodError as exc:
        raise SourceError(str(exc)) from None


def _day_filter(day: Any, flt: Filter) -> list[Any]:
    conditions = []
    if flt.start is not None:
        conditions.append(day >= flt.start)
    if flt.end is not None:
        conditions.append(day <= flt.end)
    return conditions


#: (site_id, period label, item_id, value) → count
Counts = dict[tuple[int, str, int, int], int]


def _whole_months(flt: Filter) -> bool:
    return (flt.start is None or flt.start.day == 1) and (
        flt.end is None or (flt.end + timedelta(days=1)).day == 1
    )


def _tally_counts(
    conn: Connection,
    questionnaire: int,
    by: str,
    flt: Filter,
    values: Any,
    group: str | None = None,
) -> dict[Any, Counts]:
    """Counts per ``group`` value (``None`` without a group) × site × period × item × value
    of the tally rows ``values(table)`` selects, from the day tally (or the month tally,
    for a locale or topic, filtered or grouped)."""
    if group is not None and group not in GROUPS:
        raise SourceError(f"unknown breakdown {group!r}; use one of {', '.join(GROUPS)}")
    monthly = flt.monthly or group in ("locale", "topic")
    if monthly and not _whole_months(flt):
        raise SourceError(
            "breakdowns by locale or topic are kept per month: start on the first "
            "and end on the last day of a month"
        )
    t = tally_month_t if monthly else tally_answer_t
    day = t.c.month if monthly else t.c.day
    periods, _ = _periods(day, by)
    conditions = [t.c.questionnaire_id == questionnaire, values(t), *_day_filter(day, flt)]
    if flt.channel is not None:
        conditions.append(t.c.channel == flt.channel)
    if flt.locale is not None:
        conditions.append(t.c.locale == flt.locale)
    if flt.topic is not None:
        conditions.append(t.c.topic == flt.topic)
    # One packed integer key instead of five grouping columns: SQLite groups by
    # sorting, and sorting one integer is about twice as fast (PostgreSQL hashes
    # either way). BIGINT arithmetic, so PostgreSQL cannot overflow.
    key = packed(t.c.site_id, periods, by, t.c.item_id, t.c.value).label("k")
    grouping = [t.c[group].label("g")] if group is not None else []
    inner = select(*grouping, key, t.c.n).where(and_(*conditions)).subquery()
    outer = [inner.c.g] if group is not None else []
    query = select(*outer, inner.c.k, func.sum(inner.c.n)).group_by(*outer, inner.c.k)
    out: dict[Any, Counts] = {}
    for row in conn.execute(query):
        g, number, n = row if group is not None else (None, *row)
        site, period, item, value = unpack(int(number), by)
        out.setdefault(g, {})[(site, period, item, value)] = int(n)
    return out


def _answers(t: Any) -> Any:
    """The ordinary tally rows (the first-visit rows left out)."""
    return t.c.value < FIRST_VISIT


def answer_counts(conn: Connection, questionnaire: int, by: str, flt: Filter) -> Counts:
    """Answer counts per site × period × item × value from the day tally
    (or the month tally, for a locale or topic).

    Grouping by period happens in SQL; the result has at most
    sites × periods × items × values rows. The first-visit rows are left out.
    """
    return _tally_counts(conn, questionnaire, by, flt, _answers).get(None, {})


def grouped_counts(
    conn: Connection, questionnaire: int, by: str, flt: Filter, group: str
) -> dict[Any, Counts]:
    """:func:`answer_counts` for every value of ``group`` (channel, locale or topic) in one
    query: ``grouped_counts(…, "locale")[x]`` equals ``answer_counts`` with locale ``x``.
    Values without any answer are absent. Locale and topic read the month tally."""
    return _tally_counts(conn, questionnaire, by, flt, _answers, group)


def headline_counts(
    conn: Connection, questionnaire: int, by: str, flt: Filter
) -> tuple[Counts, Counts]:
    """:func:`answer_counts` and the first-visit counts, in one scan of the tally.

    The first-visit counts are the answers to ``resolved`` among the responses
    that answered ``visits`` = 1, kept in the tallies as value ``FIRST_VISIT + v``
    in the same transaction as the response; here they come with their value
    ``v``, keyed like :func:`answer_counts` (item: ``resolved``).
    """
    counts = _tally_counts(conn, questionnaire, by, flt, lambda t: true()).get(None, {})
    return _first_visits_apart(counts)


def grouped_headline_counts(
    conn: Connection, questionnaire: int, by: str, flt: Filter, group: str
) -> dict[Any, tuple[Counts, Counts]]:
    """:func:`headline_counts` for every value of ``group``, in one query."""
    grouped = _tally_counts(conn, questionnaire, by, flt, lambda t: true(), group)
    return {g: _first_visits_apart(counts) for g, counts in grouped.items()}


def _first_visits_apart(counts: Counts) -> tuple[Counts, Counts]:
    answers: Counts = {}
    first: Counts = {}
    for (site, period, item, value), n in counts.items():
        if value >= FIRST_VISIT:
            first[(site, period, item, value - FIRST_VISIT)] = n
        else:
            answers[(site, period, item, value)] = n
    return answers, first


def channel_counts(conn: Connection, questionnaire: int, flt: Filter) -> dict[tuple[int, str], int]:
    """Responses per site × channel in the filter's date range (from the response tally)."""
    t = tally_response_t
    conditions = [t.c.questionnaire_id == questionnaire, *_day_filter(t.c.day, flt)]
    if flt.channel is not None:
        conditions.append(t.c.channel == flt.channel)
    query = (
        select(t.c.site_id, t.c.channel, func.sum(t.c.n))
        .where(and_(*conditions))
        .group_by(t.c.site_id, t.c.channel)
    )
    return {(int(site), channel): int(n) for site, channel, n in conn.execute(query)}
