"""Real headless Chromium: axe-core on every applicant page in all 18 locales, the form
completed by keyboard only and by touch at 390×844, reflow at 320 px (200 % zoom).

One browser, one page per test, few tests: they are the expensive ones.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from survey.database import db
from survey.i18n import locales
from survey.responses.models import Response
from tests.survey.kiosk.browser import axe_violations, live_server

from .test_browser import browser  # noqa: F401 - the shared Chromium fixture

PHONE = {"width": 390, "height": 844}
REFLOW = {"width": 320, "height": 640}  # 1280 px at 400 %, 640 px at 200 %


@pytest.fixture
def server(make_app, make_site) -> Iterator[str]:
    app = make_app(SURVEY_FORM_RATELIMIT="1000 per minute")
    with app.app_context():
        make_site("WI", "Wiesbaden")
        with live_server(app) as url:
            yield url


def stored() -> int:
    db.session.remove()
    return db.session.scalar(select(func.count()).select_from(Response)) or 0


def _overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_axe_finds_nothing_on_any_page_in_any_locale(server: str, browser) -> None:  # noqa: F811
    context = browser.new_context(viewport=REFLOW)
    page = context.new_page()
    problems: list[str] = []
    try:
        for code in locales.CODES:
            pages = {
                "form": f"/s/WI?lang={code}",
                "privacy": f"/privacy?site=WI&lang={code}",
                "accessibility": f"/accessibility?site=WI&lang={code}",
            }
            for name, path in pages.items():
                page.goto(server + path)
                problems += [f"{code} {name}: {v}" for v in axe_violations(page)]
                if _overflow(page):
                    problems.append(f"{code} {name}: horizontal scrolling at 320 px")
            # the error state: an answer the questionnaire does not have
            page.goto(server + pages["form"])
            page.evaluate("document.querySelector('input[name=overall]').value = '9'")
            page.check("input[name=overall]")
            page.click("button[type=submit]")
            assert page.locator(".error-summary").count() == 1, code
            problems += [f"{code} error: {v}" for v in axe_violations(page)]
            # the thank-you page
            page.check("input[name=overall][value='4']")
            page.click("button[type=submit]")
            assert "/thanks" in page.url, code
            problems += [f"{code} thanks: {v}" for v in axe_violations(page)]
    finally:
        context.close()
    assert not problems, "\n".join(problems[:20])
    assert stored() == len(locales.CODES)


def test_keyboard_only_completes_and_submits(server: str, browser) -> None:  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{server}/s/WI?lang=en")
        focused = []
        for _ in range(60):
            page.keyboard.press("Tab")
            name = page.evaluate("document.activeElement.name || document.activeElement.tagName")
            focused.append(name)
            if name == "overall":
                page.keyboard.press("Space")
            if name == "comment":
                page.keyboard.type("Friendly staff.")
            if name == "BUTTON":
                outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
                assert outline != "none", "no visible focus on the button"
                page.keyboard.press("Enter")
                break
        assert "contact_url" not in focused, "the honeypot must not be reachable"
        page.wait_for_url("**/thanks**")
        assert stored() == 1
    finally:
        context.close()


def test_a_phone_at_390_completes_and_submits(server: str, browser) -> None:  # noqa: F811
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/s/WI?lang=ar")
        assert not _overflow(page)
        page.locator("input[name=overall][value='5']").locator("..").tap()
        page.locator("input[name=improve][value='2']").locator("..").tap()
        page.fill("textarea[name=comment]", "شكراً")
        height = page.evaluate(
            "document.querySelector('input[name=overall]').closest('label').offsetHeight"
        )
        assert height >= 44, "touch targets of at least 44 px"
        page.locator("button[type=submit]").tap()
        page.wait_for_url("**/thanks**")
        assert stored() == 1
    finally:
        context.close()
