"""Recording a site's measures, listing them, deleting them (audit-logged)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from analysis.source import connected
from survey.audit.operations import record
from survey.sites.models import Site

from .models import LABEL_MAX, NOTE_MAX, Measure


class MeasureError(ValueError):
    """A measure that cannot be recorded as given (nothing is changed)."""


def add_measure(
    session: Session, site: Site, day: date, label: str, note: str = "", *, actor: Any = None
) -> Measure:
    label, note = (label or "").strip(), (note or "").strip()
    if not label:
        raise MeasureError("a measure needs a short label")
    if len(label) > LABEL_MAX:
        raise MeasureError(f"the label takes at most {LABEL_MAX} characters")
    if len(note) > NOTE_MAX:
        raise MeasureError(f"the note takes at most {NOTE_MAX} characters")
    measure = Measure(site_id=site.id, day=day, label=label, note=note)
    session.add(measure)
    session.flush()
    record(
        session,
        "measures.add",
        actor=actor,
        target=f"site:{site.code}",
        day=day.isoformat(),
        label=label,
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
    record(
        session,
        "measures.delete",
        actor=actor,
        target=f"site:{site.code}",
        day=measure.day.isoformat(),
        label=measure.label,
    )
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
