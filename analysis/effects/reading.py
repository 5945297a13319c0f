"""Reading what the effects need from the database: the month tally of the targeted items
(summed over languages) and the measures, as plain data."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Date, Engine, Integer, column, func, select, table

from .. import source
from ..deferred import deferred
from .design import MeasureInfo, month_index

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = deferred("pandas")


measure_t = table(
    "measure",
    column("id", Integer),
    column("site_id", Integer),
    column("day", Date),
    column("label"),
    column("type"),
    column("items"),
    column("rollout_until", Date),
    column("end_day", Date),
)
#: items of a measure recorded before measures had targets
DEFAULT_ITEMS = ("overall",)


def _day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def measures(bind: Connection | Engine) -> list[MeasureInfo]:
    """Every measure, by start day."""
    with source.connected(bind) as conn:
        codes = source.sites(conn)
        t = measure_t
        rows = conn.execute(
            select(
                t.c.id,
                t.c.site_id,
                t.c.day,
                t.c.label,
                t.c.type,
                t.c["items"],
                t.c.rollout_until,
                t.c.end_day,
            ).order_by(t.c.day, t.c.id)
        ).all()
    return [
        MeasureInfo(
            int(i),
            codes[int(site)],
            kind,
            label,
            _day(day),  # type: ignore[arg-type]
            tuple(c for c in (items or "").split(",") if c) or DEFAULT_ITEMS,
            _day(rollout),
            _day(end),
        )
        for i, site, day, label, kind, items, rollout, end in rows
    ]


def month_cells(
    bind: Connection | Engine, item_codes: Iterable[str], questionnaire: str = "core@1"
) -> tuple[pd.DataFrame, list[str]]:
    """Answer counts per site × month × channel × topic × item × value for the items, and
    every site code. One row per tally cell (bounded by sites × months), no response rows."""
    with source.connected(bind) as conn:
        qid = source.questionnaire_id(conn, questionnaire)
        known = {i.code: i.id for i in source.items(conn, qid)}
        wanted = {known[c]: c for c in set(item_codes) if c in known}
        codes = source.sites(conn)
        t = source.tally_month_t
        rows = conn.execute(
            select(
                t.c.site_id,
                t.c.month,
                t.c.channel,
                t.c.topic,
                t.c.item_id,
                t.c.value,
                func.sum(t.c.n),
            )
            .where(
                t.c.questionnaire_id == qid,
                t.c.item_id.in_(list(wanted)),
                t.c.value > 0,
                t.c.value < source.FIRST_VISIT,
            )
            .group_by(t.c.site_id, t.c.month, t.c.channel, t.c.topic, t.c.item_id, t.c.value)
        ).all()
    frame = pd.DataFrame(
        [
            (codes[int(s)], month_index(_day(m)), ch, int(tp or 0), wanted[int(i)], int(v), int(n))  # type: ignore[arg-type]
            for s, m, ch, tp, i, v, n in rows
        ],
        columns=["site", "month", "channel", "topic", "item", "value", "n"],
    )
    return frame, sorted(codes.values())
