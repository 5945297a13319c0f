"""Issue 18: the first visit to a lead dashboard transfers at most 600 KB, with the static
files' build (hashed, Brotli) as deployed; and the vendored plotly.js is the one the
Python package writes its figures for."""

from __future__ import annotations

import pytest

from survey.assets.__main__ import SOURCE
from survey.assets.build import build
from survey.assets.weight import ACCEPT_ENCODING, DASHBOARD_BUDGET, first_visit
from tests.survey.staff import sign_in


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("static-build")
    build(SOURCE, out)
    return out


@pytest.fixture
def app(make_app, built):
    from survey.database import db
    from tests.conftest import _empty

    app = make_app(SURVEY_STATIC_BUILD=str(built))
    with app.app_context():
        yield app
        db.session.remove()
        _empty(db.engine)


def test_first_visit_of_a_lead_dashboard_is_within_600_kb(app, make_user, sites):
    client = app.test_client()
    assert sign_in(client, make_user("t-lead", "lead", [sites[0]])).status_code == 302

    def fetch(url: str) -> tuple[bytes, str | None]:
        with client.get(url, headers={"Accept-Encoding": ACCEPT_ENCODING}) as response:
            assert response.status_code == 200, url
            return response.get_data(), response.headers.get("Content-Encoding")

    sizes = first_visit(f"/dashboard/{sites[0].code}", fetch)
    plotly = [url for url in sizes if "plotly-cartesian.min." in url]
    assert len(plotly) == 1 and sizes[plotly[0]] < 420 * 1024  # Brotli: about 390 KB
    assert all(".br" not in url for url in sizes)
    assert sum(sizes.values()) <= DASHBOARD_BUDGET, sizes


def test_vendored_plotly_matches_the_python_package():
    from plotly.offline import get_plotlyjs_version

    head = (SOURCE / "dashboard/vendor/plotly-cartesian.min.js").read_text()[:200]
    assert f"plotly.js (cartesian - minified) v{get_plotlyjs_version()}" in head
