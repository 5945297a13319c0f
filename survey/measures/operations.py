"""Recording a site's measures, changing, listing and deleting them (audit-logged)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from analysis.source import connected
from survey.audit.operations import record
from survey.sites.models import Site

from .models import LABEL_MAX, NOTE_MAX, Measure
from .types import TARGETABLE, TYPES


class MeasureError(ValueError):
    """A measure that cannot be recorded as given (nothing is changed)."""


@dataclass(frozen=True)
class MeasureData:
    """What describes a measure, checked by :func:`checked`."""

    day: date
    label: str
    note: str = ""
    type: str = "other"
    #: targeted item codes; empty: the type's default items
    items: tuple[str, ...] = ()
    rollout_until: date | None = None
    end_day: date | None = None


def checked(data: MeasureData) -> MeasureData:
    """``data`` with label and note stripped and the items defaulted from the type;
    a :class:`MeasureError` names the first thing wrong."""
    label, note = (data.label or "").strip(), (data.note or "").strip()
    if not label:
        raise MeasureError("a measure needs a short label")
    if len(label) > LABEL_MAX:
        raise MeasureError(f"the label takes at most {LABEL_MAX} characters")
    if len(note) > NOTE_MAX:
        raise MeasureError(f"the note takes at most {NOTE_MAX} characters")
    kind = (data.type or "other").strip()
    if kind not in TYPES:
        raise MeasureError(f"unknown type {kind!r}; use one of {', '.join(TYPES)}")
    items = tuple(dict.fromkeys(i.strip() for i in data.items if i.strip())) or TYPES[kind].items
    unknown = [i for i in items if i not in TARGETABLE]
    if unknown:
        raise MeasureError(f"not an item a measure can target: {', '.join(unknown)}")
    if data.end_day is not None and data.end_day < data.day:
        raise MeasureError("the end day lies before the start")
    if data.rollout_until is not None and data.rollout_until < data.day:
        raise MeasureError("the roll-out ends before the start")
    if data.rollout_until and data.end_day and data.rollout_until > data.end_day:
        raise MeasureError("the roll-out ends after the measure")
    return MeasureData(data.day, label, note, kind, items, data.rollout_until, data.end_day)


def _details(measure: Measure) -> dict[str, Any]:
    return {
        "day": measure.day.isoformat(),
        "label": measure.label,
        "type": measure.type,
        "items": measure.items,
        "rollout_until": measure.rollout_until.isoformat() if measure.rollout_until else None,
        "end_day": measure.end_day.isoformat() if measure.end_day else None,
    }


def _apply(measure: Measure, data: MeasureData) -> None:
    measure.day, measure.label, measure.note = data.day, data.label, data.note
    measure.type, measure.items = data.type, ",".join(data.items)
    measure.rollout_until, measure.end_day = data.rollout_until, data.end_day


def add_measure(
    session: Session,
    site: Site,
    day: date,
    label: str,
    note: str = "",
    *,
    actor: Any = None,
    **described: Any,
) -> Measure:
    """Record a measure; ``described`` takes the other fields of :class:`MeasureData`."""
    return add_measure_from(session, site, MeasureData(day, label, note, **described), actor=actor)


def add_measure_from(
    session: Session, site: Site, data: MeasureData, *, actor: Any = None
) -> Measure:
    """Record the measure ``data`` describes (checked first; audit-logged)."""
    data = checked(data)
    measure = Measure(site_id=site.id)
    _apply(measure, data)
    session.add(measure)
    session.flush()
    record(session, "measures.add", actor=actor, target=f"site:{site.code}", **_details(measure))
    return measure


def update_measure(
    session: Session, site: Site, measure_id: int, data: MeasureData, *, actor: Any = None
) -> Measure | None:
    """Change the site's measure ``measure_id``; None when the site has no such measure."""
    measure = session.scalar(select(Measure).filter_by(id=measure_id, site_id=site.id))
    if measure is None:
        return None
    data = checked(data)
    before = _details(measure)
    _apply(measure, data)
    session.flush()
    record(
        session,
        "measures.update",
        actor=actor,
        target=f"site:{site.code}",
        before=before,
        **_details(measure),
    )
    return measure


def measures_of(
    session: Session, site: Site, start: date | None = None, end: date | None = None
) -> list[Measure]:
    """The site's measures by day (within ``start``..``end`` when given)."""
    stmt = select(Measure).where(Measure.site_id == site.id)
    if start is not None:
        stmt = stmt.where(Measure.day >= start)
    if end is not None:
        stmt = stmt.where(Measure.day <= end)
    return list(session.scalars(stmt.order_by(Measure.day, Measure.id)))


def delete_measure(session: Session, site: Site, measure_id: int, *, actor: Any = None) -> bool:
    """Delete the site's measure ``measure_id``; False when the site has no such measure."""
    measure = session.scalar(select(Measure).filter_by(id=measure_id, site_id=site.id))
    if measure is None:
        return False
    record(session, "measures.delete", actor=actor, target=f"site:{site.code}", **_details(measure))
    session.delete(measure)
    return True


def site_marks(
    bind: Engine | Connection, site_id: int, start: date, end: date
) -> list[tuple[date, str]]:
    """(day, label) of the site's measures from ``start`` to ``end``, by day: the marks
    of :func:`analysis.figures.trend` (plain data; ``analysis`` knows no models)."""
    t = Measure.__table__
    stmt = (
        select(t.c.day, t.c.label)
        .where(t.c.site_id == site_id, t.c.day >= start, t.c.day <= end)
        .order_by(t.c.day, t.c.id)
    )
    with connected(bind) as conn:
        return [
            (d if isinstance(d, date) else date.fromisoformat(d), label)
            for d, label in conn.execute(stmt)
        ]


def import_measures(
    session: Session, rows: Sequence[dict[str, str]], *, actor: Any = None
) -> list[Measure]:
    """Add the measures of CSV rows (columns site, day, type, label, note, items,
    rollout_until, end_day; items separated by ``;``). Atomic: the first bad row raises a
    :class:`MeasureError` naming its line, and nothing is added."""
    sites = {s.code: s for s in session.scalars(select(Site))}
    prepared: list[tuple[Site, MeasureData]] = []
    errors = []
    for line, row in enumerate(rows, start=2):
        try:
            code = (row.get("site") or "").strip().upper()
            if code not in sites:
                raise MeasureError(f"unknown site {code!r}")
            prepared.append((sites[code], checked(_row_data(row))))
        except MeasureError as exc:
            errors.append(f"line {line}: {exc}")
    if errors:
        raise MeasureError("; ".join(errors))
    with session.begin_nested():
        return [add_measure_from(session, site, d, actor=actor) for site, d in prepared]


def _date(text: str | None, name: str, required: bool = False) -> date | None:
    text = (text or "").strip()
    if not text:
        if required:
            raise MeasureError(f"{name} is missing")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise MeasureError(f"{name} is not a date (YYYY-MM-DD): {text!r}") from None


def _row_data(row: dict[str, str]) -> MeasureData:
    day = _date(row.get("day"), "day", required=True)
    if day is None:  # pragma: no cover - required=True raises first
        raise MeasureError("day is missing")
    return MeasureData(
        day=day,
        label=row.get("label") or "",
        note=row.get("note") or "",
        type=(row.get("type") or "other").strip(),
        items=tuple((row.get("items") or "").split(";")),
        rollout_until=_date(row.get("rollout_until"), "rollout_until"),
        end_day=_date(row.get("end_day"), "end_day"),
    )
