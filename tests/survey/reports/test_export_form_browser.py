"""The export form in real headless Chromium: what a lead and a provider see, the purpose
a day-level export needs, and no axe-core violations."""

from __future__ import annotations

import os

import pytest

from tests.survey.kiosk.browser import axe_violations, live_server
from tests.survey.staff import PASSWORD

pytestmark = pytest.mark.slow

SHOTS = os.environ.get("SURVEY_SCREENSHOTS")  # a folder: keep the screenshots for a look


def _page(chromium, base, user):
    context = chromium.new_context(viewport={"width": 1100, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
    return context, page


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_lead_sees_the_month_rule_provider_must_give_a_purpose(app, chromium, make_user, make_site):
    site = make_site("WI", "Wiesbaden")
    lead, provider = make_user("b-lead", "lead", [site]), make_user("b-prov", "provider")
    with live_server(app) as base:
        context, page = _page(chromium, base, lead)
        page.goto(f"{base}/exports/site/WI")
        assert page.locator("select[name=detail]").count() == 0
        assert "mindestens 10 Antworten" in page.inner_text("main")
        assert axe_violations(page) == []
        _shot(page, "export-lead")
        context.close()

        context, page = _page(chromium, base, provider)
        page.goto(f"{base}/exports/site/WI")
        page.fill("input[name=start]", "2016-01-01")
        page.fill("input[name=end]", "2016-12-31")
        page.select_option("select[name=detail]", "day")
        page.click("form:has(select[name=detail]) button[type=submit]")
        page.wait_for_selector("[role=alert]")
        assert "braucht einen Zweck" in page.inner_text("[role=alert]")
        assert axe_violations(page) == []
        _shot(page, "export-provider-no-purpose")
        context.close()
