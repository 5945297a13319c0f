"""The demo's answers end today, so a fresh install behaves as it will with real answers."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from survey.database import db
from survey.demo.operations import load
from survey.demo.story import SITES
from survey.measures.models import Measure
from survey.responses.models import Response


def test_cli_demo_ends_today(runner):
    result = runner.invoke(args=["demo", "--responses", "300", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.max(Response.day))) == date.today()


def test_load_moves_answers_and_measures_by_the_same_days(app):
    load(db.session, responses=400, seed=3, end=date(2030, 1, 31))
    db.session.commit()
    first, last = db.session.execute(select(func.min(Response.day), func.max(Response.day))).one()
    assert last == date(2030, 1, 31)
    story = sorted(m.start for demo in SITES for m in demo.measures)
    moved = sorted(db.session.scalars(select(Measure.day)))
    shifts = {after - before for before, after in zip(story, moved, strict=True)}
    assert len(shifts) == 1  # the whole story moved together
    (shift,) = shifts
    assert shift > timedelta(days=12 * 365)
    assert first >= date(2013, 10, 1) + shift and last <= date(2017, 6, 30) + shift
