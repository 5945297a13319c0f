"""The dashboards' CSP allows no inline style: plotly.js gets its rules from a stylesheet.

The browser tests (test_browser.py) draw every chart under this policy and
fail on any CSP violation in the console.
"""

from __future__ import annotations

import importlib.util

from survey import ROOT
from survey.dashboard.assets import DASHBOARD_POLICY
from tests.survey.staff import sign_in

CSS = ROOT / "survey" / "static" / "dashboard" / "plotly.css"


def _generator():
    spec = importlib.util.spec_from_file_location("plotly_css", ROOT / "scripts" / "plotly_css.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dashboard_policy_has_no_unsafe_inline():
    assert "'unsafe-inline'" not in DASHBOARD_POLICY
    assert "'unsafe-eval'" not in DASHBOARD_POLICY
    style = next(d for d in DASHBOARD_POLICY.split("; ") if d.startswith("style-src"))
    assert style.startswith("style-src 'self' 'unsafe-hashes' 'sha256-")


def test_the_stylesheet_holds_the_rules_of_the_bundled_plotly():
    assert CSS.read_text(encoding="utf-8") == _generator().plotly_css()


def test_dashboard_pages_link_the_stylesheet_under_plotlys_id(app, make_user, make_site):
    make_site("WI", "Wiesbaden")
    client = app.test_client()
    assert sign_in(client, make_user("p", "provider")).status_code == 302
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == DASHBOARD_POLICY
    page = response.get_data(as_text=True)
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in page
    assert "dashboard/plotly.css" in page
