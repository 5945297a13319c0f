"""Real headless Chromium: the dashboards draw every chart, without JavaScript errors,
filters change the URL and the numbers, and axe-core finds no violations."""

from __future__ import annotations

from typing import Any

import pytest

from tests.survey.kiosk.browser import axe_violations, live_server
from tests.survey.staff import PASSWORD

pytestmark = pytest.mark.slow  # a real browser: deselect with -m 'not slow'

#: every chart has a Plotly graph with at least one drawn trace
DRAWN = """() => {
  const charts = [...document.querySelectorAll('[data-figure]')];
  return charts.length > 0 && charts.every(c => c.classList.contains('js-plotly-plot')
      && c.querySelectorAll('.trace, .hm, .heatmaplayer image').length > 0);
}"""


@pytest.fixture
def browse(app, chromium, make_user, sites):
    with live_server(app) as base:
        contexts = []

        def page_as(role: str) -> tuple[Any, list[str]]:
            own = [sites[0]] if role == "lead" else []
            user = make_user(f"b-{role}", role, own)
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            contexts.append(context)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on(
                "console",
                lambda m: (
                    errors.append(m.text)
                    if m.type == "error" and not m.text.startswith("Failed to load resource")
                    else None
                ),
            )
            page.on(
                "response",
                lambda r: (
                    errors.append(f"{r.status} {r.url}")
                    if r.status >= 400 and not r.url.endswith(("/favicon.ico", f"/{sites[1].code}"))
                    else None
                ),
            )
            page.goto(f"{base}/login")
            page.fill("input[name=username]", user.username)
            page.fill("input[name=password]", PASSWORD)
            page.click("form button[type=submit]")
            page.wait_for_url(lambda url: "/login" not in url)
            page.base = base
            return page, errors

        yield page_as
        for context in contexts:
            context.close()


def _drawn(page: Any) -> None:
    page.wait_for_function(DRAWN, timeout=30_000)


def test_lead_dashboard_draws_filters_and_is_accessible(browse, sites):
    page, errors = browse("lead")
    code = sites[0].code
    page.goto(f"{page.base}/dashboard/{code}")
    _drawn(page)
    assert page.locator(".js-plotly-plot").count() == 4
    assert axe_violations(page) == []
    before = page.locator("#chart-trend table").text_content()
    page.select_option("#f-channel", "online")
    page.wait_for_url("**channel=online**")
    _drawn(page)
    assert page.locator("#chart-trend table").text_content() != before
    page.goto(f"{page.base}/dashboard/{sites[1].code}")
    assert page.locator("h1").inner_text() != ""  # the 404 page, not the dashboard
    assert page.locator("[data-figure]").count() == 0
    page.goto(f"{page.base}/dashboard/{code}/comments")
    assert axe_violations(page) == []
    assert errors == [], errors


def test_provider_overview_draws_and_is_accessible(browse):
    page, errors = browse("provider")
    page.goto(f"{page.base}/dashboard/")
    _drawn(page)
    assert page.locator(".js-plotly-plot").count() == 4
    assert axe_violations(page) == []
    before = page.locator("#chart-caterpillar table").text_content()
    page.select_option("#f-period", "quarter")
    page.wait_for_url("**period=quarter**")
    _drawn(page)
    assert page.locator("#chart-caterpillar table").text_content() != before
    page.goto(f"{page.base}/dashboard/waves?a=2014-01:2014-12&b=2016-07:2017-06")
    assert page.locator("#chart-waves table tbody tr").count() > 0
    assert axe_violations(page) == []
    assert errors == [], errors


#: the trend chart drew the measure: its trace, and its vertical line as a shape
MEASURE_DRAWN = """(label) => {
  const fig = document.querySelector('[data-figure="fig-trend"]');
  return !!fig && Array.isArray(fig.data)
      && fig.data.some(t => t.mode === 'markers' && (t.text || []).includes(label))
      && (fig.layout.shapes || []).length > 0
      && fig.querySelectorAll('.shapelayer path').length > 0;
}"""


def test_lead_dashboard_shows_measures_and_alerts(browse, sites):
    from datetime import date

    from survey.alerts.models import AlertRule
    from survey.database import db
    from survey.measures.models import Measure

    site = sites[0]
    db.session.add(Measure(site_id=site.id, day=date(2016, 9, 1), label="Neues Terminsystem"))
    db.session.add(AlertRule(site_id=site.id, kind="csat_below", threshold=0.99, last_n=50))
    db.session.commit()
    page, errors = browse("lead")
    page.goto(f"{page.base}/dashboard/{site.code}", timeout=90_000)  # the drivers' bootstrap
    _drawn(page)
    page.wait_for_function(MEASURE_DRAWN, arg="Neues Terminsystem", timeout=30_000)
    banner = page.locator(".alert-banner")
    assert banner.is_visible() and "CSAT" in banner.inner_text()
    assert "Neues Terminsystem" in page.locator("#chart-trend table").text_content()
    assert axe_violations(page) == []
    for path in ("measures", "alerts"):
        page.goto(f"{page.base}/dashboard/{site.code}/{path}")
        assert page.locator("h1").is_visible()
        assert axe_violations(page) == [], path
    assert errors == [], errors


@pytest.fixture
def instant_jobs(monkeypatch):
    """Background jobs that finish at once (the render and export are tested elsewhere)."""
    from pathlib import Path

    from survey.reports import worker

    started: list[list[str]] = []

    def finish(args: list[str], *rest: Any) -> int:
        started.append(args)
        Path(args[args.index("--out") + 1]).write_bytes(b"%PDF-1.7 stand-in")
        return 0

    monkeypatch.setattr(worker, "run_command", finish)
    return started


def test_lead_starts_a_report_and_an_export_from_the_dashboard(browse, sites, instant_jobs):
    page, errors = browse("lead")
    code = sites[0].code
    page.goto(f"{page.base}/dashboard/{code}?period=quarter&lang=en")
    _drawn(page)
    page.click(f"#downloads form[action='/reports/site/{code}'] button")
    page.wait_for_url(f"**/reports/site/{code}/job?id=*")
    assert page.locator(f"[role=status] a[href*='/reports/site/{code}/download']").count() == 1
    assert axe_violations(page) == []
    command = instant_jobs[-1]
    assert command[command.index("--lang") + 1] == "en"  # the dashboard's language
    assert command[command.index("report") + 1 : command.index("report") + 3] == ["site", code]

    page.goto(f"{page.base}/dashboard/{code}?period=quarter")
    page.select_option("#export-fmt", "sav")
    page.click(f"#downloads form[action='/exports/site/{code}'] button")
    page.wait_for_url(f"**/exports/site/{code}/job?id=*")
    assert page.locator(f"[role=status] a[href*='/exports/site/{code}/download']").count() == 1
    assert axe_violations(page) == []
    assert instant_jobs[-1][instant_jobs[-1].index("--format") + 1] == "sav"
    page.goto(f"{page.base}/exports/site/{code}")
    assert axe_violations(page) == []
    assert errors == [], errors
