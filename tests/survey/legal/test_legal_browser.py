"""Real Chromium (the session's ``chromium``): both legal pages reached from the form's
footer by links, and axe-core finds nothing on them in German and Arabic (RTL), with an
office's details and without them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.survey.kiosk.browser import axe_violations, live_server

from .details import DETAILS


@pytest.fixture
def server(make_app, make_site) -> Iterator[str]:
    app = make_app(SURVEY_FORM_RATELIMIT="1000 per minute")
    with app.app_context():
        make_site("WI", "Wiesbaden", **DETAILS)
        make_site("OF", "Offenbach")  # has not set its details
        with live_server(app) as url:
            yield url


@pytest.fixture
def page(chromium) -> Iterator[object]:
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("code", ["de", "ar"])
def test_footer_links_lead_to_both_pages_and_axe_finds_nothing(server, page, code) -> None:
    problems: list[str] = []
    for site in ("WI", "OF"):
        for path, heading in (("/privacy", "privacy"), ("/accessibility", "accessibility")):
            page.goto(f"{server}/s/{site}?lang={code}")
            link = page.locator(f"footer.page-footer a[href^='{path}?']")
            assert link.count() == 1, (site, path)
            link.click()
            page.wait_for_url(f"**{path}?site={site}&lang={code}")
            assert page.locator("html").get_attribute("lang").startswith(code)
            notice = page.locator("#missing-details").count()
            assert notice == (0 if site == "WI" else 1), (site, path)
            problems += [f"{code} {site} {heading}: {v}" for v in axe_violations(page)]
    assert not problems, "\n".join(problems)


def test_german_footer_names_the_pages(server, page) -> None:
    page.goto(f"{server}/s/WI?lang=de")
    page.get_by_role("link", name="Datenschutz").click()
    assert page.locator("h1").inner_text() == "Datenschutzhinweis"
    page.go_back()
    page.get_by_role("link", name="Barrierefreiheit").click()
    assert page.locator("h1").inner_text() == "Erklärung zur Barrierefreiheit"
    assert page.get_by_role("link", name="Zur Schlichtungsstelle nach § 16 BGG").count() == 1
