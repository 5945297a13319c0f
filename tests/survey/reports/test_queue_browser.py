"""A live server with the in-process consumer (``SURVEY_JOBS_CONSUMER="thread"``, as
``./dev serve``): the browser requests a report, sees its status page, and the page,
refreshing by itself, ends on the download link. This is the way for live-server tests
and journeys to see jobs finish."""

from __future__ import annotations

from datetime import date

import pytest

from tests.survey.kiosk.browser import axe_violations, live_server
from tests.survey.staff import PASSWORD

pytestmark = pytest.mark.slow


def test_a_report_requested_in_the_browser_finishes_through_the_consumer_thread(
    make_app, chromium, make_user, make_site, make_response
):
    app = make_app(SURVEY_JOBS_CONSUMER="thread")
    site = make_site("WI", "Wiesbaden")
    for k in range(12):
        make_response(site, {"overall": (4 if k % 3 else 2,)}, day=date(2016, 5, 2))
    lead = make_user("b-lead", "lead", [site])
    with live_server(app) as base:
        context = chromium.new_context(locale="de-DE")
        page = context.new_page()
        page.goto(f"{base}/login")
        page.fill("input[name=username]", lead.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_url(f"{base}/dashboard/WI")  # a one-site lead lands on its dashboard
        page.goto(f"{base}/reports/site/WI")
        page.fill("input[name=start]", "2016-05-01")
        page.fill("input[name=end]", "2016-05-31")
        page.click("form:has(input[name=start]) button[type=submit]")
        page.wait_for_url("**/reports/site/WI/job?id=*")
        assert axe_violations(page) == []
        assert page.locator("[data-refresh] button").is_visible()  # the refresh can be stopped
        link = page.wait_for_selector("[role=status] a[href*='/download']", timeout=180_000)
        response = context.request.get(f"{base}{link.get_attribute('href')}")
        assert response.status == 200 and response.body().startswith(b"%PDF")
        assert "report-WI-2016-05-01-2016-05-31-de.pdf" in response.headers["content-disposition"]
        context.close()
