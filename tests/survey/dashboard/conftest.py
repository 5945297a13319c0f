from __future__ import annotations

import pytest

from survey.database import db
from survey.demo.operations import load
from survey.sites.models import Site
from tests.survey.staff import isolated_requests, make_user, sign_in  # noqa: F401 - fixtures


@pytest.fixture
def demo(app):
    """The demo network (16 sites), small enough for the tests."""
    result = load(db.session, responses=20000, seed=8)
    db.session.commit()
    return result


@pytest.fixture
def sites(demo) -> list[Site]:
    return list(db.session.scalars(db.select(Site).order_by(Site.code)))


@pytest.fixture
def signed_in(app, make_user, sites):  # noqa: F811 - the fixture imported above
    """A client signed in with ``role`` (leads and viewers on the first site)."""

    def client(role: str):
        own = [sites[0]] if role in ("lead", "viewer") else []
        user = make_user(f"u-{role}", role, own, totp=role == "admin")
        c = app.test_client()
        assert sign_in(c, user).status_code == 302
        return c

    return client
