from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from survey.accounts.models import User
from survey.accounts.operations import password_matches
from survey.database import db
from survey.demo.generator import generate
from survey.demo.operations import DemoRefused, load
from survey.demo.story import SITES
from survey.measures.models import Measure
from survey.responses.models import Response
from survey.sites.models import Site

from ..responses.checks import assert_tallies_match_recount


def test_generation_is_deterministic_per_seed():
    a, b, c = generate(3000, seed=7), generate(3000, seed=7), generate(3000, seed=8)
    assert a == b
    assert a != c
    assert len({r.id for r in a}) == len(a)


def test_story_holds_in_large_sample():
    rows = generate(60_000, seed=1)

    def csat(site: str, first: date, last: date) -> float:
        sel = [
            r for r in rows if r.site == site and first <= r.day <= last and "overall" in r.answers
        ]
        return sum(r.answers["overall"][0] >= 4 for r in sel) / len(sel)

    # the caseload peak dips everywhere; Wiesbaden improves after its measures, Darmstadt does not
    assert (
        csat("E", date(2015, 11, 1), date(2016, 2, 28))
        < csat("E", date(2014, 1, 1), date(2014, 12, 31)) - 0.05
    )
    wi_gain = csat("WI", date(2017, 1, 1), date(2017, 6, 30)) - csat(
        "WI", date(2015, 10, 1), date(2016, 3, 31)
    )
    da_gain = csat("DA", date(2017, 1, 1), date(2017, 6, 30)) - csat(
        "DA", date(2015, 10, 1), date(2016, 3, 31)
    )
    assert wi_gain > 0.1
    assert wi_gain > da_gain + 0.05
    # Deggendorf falls under the n < 10 rule in some months, not in all
    deg = Counter((r.day.year, r.day.month) for r in rows if r.site == "DEG")
    small = [m for m, n in deg.items() if n < 10]
    assert 0 < len(small) < len(deg)
    # no answers on weekends; Hessen sites start in October 2015
    assert all(r.day.weekday() < 5 for r in rows)
    assert min(r.day for r in rows if r.site == "WI") >= date(2015, 10, 1)
    assert min(r.day for r in rows) < date(2013, 11, 1)
    assert max(r.day for r in rows) <= date(2017, 6, 30)
    # several channels and languages
    assert {r.channel for r in rows} == {"kiosk", "online", "paper"}
    assert {"de", "ar", "ti", "fa-AF", "tr"} <= {r.locale for r in rows}


def test_load_stores_sites_users_and_consistent_tallies(app):
    result = load(db.session, responses=1500, seed=3)
    db.session.commit()
    assert result.sites == len(SITES) == 16
    assert db.session.scalar(select(func.count()).select_from(Response)) == result.responses
    codes = set(db.session.scalars(select(Site.code)))
    assert {
        "WI",
        "GI",
        "OF",
        "DA",
        "MKK",
        "HP",
        "BIB",
        "DEG",
        "P",
        "FB",
        "E",
        "MZ",
        "C",
        "MD",
        "KI",
        "WE",
    } == codes
    for username, (role, password) in result.users.items():
        user = db.session.scalar(select(User).filter_by(username=username))
        assert user.role == role and password_matches(user, password)
    recorded = db.session.execute(
        select(Site.code, Measure.day, Measure.label).join(Site, Site.id == Measure.site_id)
    ).all()
    assert sorted(recorded) == sorted(
        (demo.code, m.start, m.label) for demo in SITES for m in demo.measures
    )
    assert recorded  # the story's measures become the trend charts' marks
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def test_load_refuses_existing_data_unless_forced(app, make_site):
    make_site("ZZ", "Echt")
    with pytest.raises(DemoRefused, match="--force"):
        load(db.session, responses=10, seed=1)
    db.session.rollback()
    load(db.session, responses=10, seed=1, force=True)
    db.session.commit()
    assert db.session.scalar(select(Site).filter_by(code="ZZ")) is None
    load(db.session, responses=10, seed=1, force=True)  # a second load replaces the measures
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Measure)) == sum(
        len(demo.measures) for demo in SITES
    )


def test_cli(runner, make_site):
    result = runner.invoke(args=["demo", "--responses", "300", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "Loaded 16 sites" in result.output
    assert "lead-wi" in result.output
    assert "admin: set the password and second factor at /account/enrol/" in result.output
    again = runner.invoke(args=["demo", "--responses", "300"])
    assert again.exit_code == 1
    assert "--force" in again.output
    skipped = runner.invoke(args=["demo", "--if-empty"])
    assert skipped.exit_code == 0
    assert "already has data" in skipped.output
