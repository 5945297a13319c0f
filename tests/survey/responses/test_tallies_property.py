"""After thousands of random inserts (with retries), the tallies equal a recount."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.database import db
from survey.responses.models import CHANNELS, NOT_APPLICABLE
from survey.responses.operations import NewResponse, record

from .checks import assert_tallies_match_recount

SCALE = st.integers(1, 5)


@st.composite
def answers(draw):
    out = {}
    for code in ("overall", "waiting", "trust"):
        if draw(st.booleans()):
            out[code] = (draw(SCALE),)
    if draw(st.booleans()):
        out["appointment"] = (draw(st.sampled_from([NOT_APPLICABLE, 1, 2, 3, 4, 5])),)
    if draw(st.booleans()):
        out["topic"] = (draw(st.integers(1, 5)),)
    for code in ("resolved", "visits"):
        if draw(st.booleans()):
            out[code] = (draw(st.integers(1, 3)),)
    if draw(st.booleans()):
        out["improve"] = tuple(sorted(draw(st.sets(st.integers(1, 8), min_size=1, max_size=4))))
    return out


POOL = [uuid.UUID(int=i, version=4) for i in range(1, 400)]  # small pool: many retries
responses = st.lists(
    st.tuples(
        st.sampled_from(POOL),
        st.integers(0, 2),
        st.sampled_from(CHANNELS),
        st.sampled_from(["de", "ar", "ti"]),
        st.integers(0, 70),
        answers(),
    ),
    min_size=20,
    max_size=200,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=responses)
def test_tallies_equal_recount_after_random_inserts(make_site, core, batch):
    sites = getattr(test_tallies_equal_recount_after_random_inserts, "_sites", None)
    if sites is None or db.session.get(type(sites[0]), sites[0].id) is None:
        sites = [make_site() for _ in range(3)]
        test_tallies_equal_recount_after_random_inserts._sites = sites  # type: ignore[attr-defined]
    for rid, site_index, channel, locale, offset, given_answers in batch:
        new = NewResponse(
            id=rid,
            site_id=sites[site_index].id,
            channel=channel,
            locale=locale,
            day=date(2016, 1, 25) + timedelta(days=offset),
            answers=given_answers,
        )
        with db.engine.begin() as conn:
            record(conn, new, core)
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)
