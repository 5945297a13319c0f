"""Journeys: each role, in real Chromium, from the sign-in page (or /, /kiosk) on,
following only links and buttons. Small fixture data: two sites, the last two months."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pyotp
import pytest

from survey.dashboard.filters import month_start
from tests.survey.kiosk.browser import axe_violations, live_server
from tests.survey.staff import PASSWORD, isolated_requests, make_user  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow
#: a folder: keep a screenshot of every page the journeys visit
SCREENSHOTS = os.environ.get("SURVEY_SCREENSHOTS")


@pytest.fixture
def network(make_site, make_response):
    """Wiesbaden and Gießen with answers in the two months before this one."""
    wi = make_site("WI", "Wiesbaden", locales=["de", "en", "ar", "ti"])
    gi = make_site("GI", "Gießen")
    this_month = month_start(date.today())
    for back in (1, 2):
        month = month_start(this_month, back)
        for k in range(24):
            day = month + timedelta(days=k % 20)
            make_response(
                wi,
                {"overall": (4 + k % 2,), "waiting": (1 + k % 3,), "friendly": (5,)},
                day=day,
                comment=f"Wartezeit zu lang ({k})" if k % 4 == 0 else None,
            )
            make_response(gi, {"overall": (3 + k % 3,), "waiting": (4,)}, day=day)
    return wi, gi


class Visit:
    """One browser context: the pages it saw, their axe findings and their errors."""

    def __init__(self, browser: Any, base: str, locale: str = "de-DE", name: str = "page") -> None:
        self.base = base
        self.context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale=locale, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.violations: list[str] = []
        self.name, self.shots = name, 0
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on(
            "response",
            lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )

    def check(self) -> None:
        """axe on the page now shown (and its screenshot, when SCREENSHOTS names a folder)."""
        self.violations += [f"{self.page.url}: {v}" for v in axe_violations(self.page)]
        if SCREENSHOTS:
            self.shots += 1
            name = f"{self.name}-{self.shots:02d}.png"
            self.page.screenshot(path=os.path.join(SCREENSHOTS, name), full_page=False)

    def click(self, *args: Any, axe: bool = True, **kwargs: Any) -> None:
        """Click a link or button and wait for the next page."""
        with self.page.expect_navigation():
            self.page.get_by_role(*args, **kwargs).first.click()
        if axe:
            self.check()

    def sign_in(self, user: Any) -> None:
        self.page.goto(f"{self.base}/login")
        self.check()
        self.page.fill("input[name=username]", user.username)
        self.page.fill("input[name=password]", PASSWORD)
        with self.page.expect_navigation():
            self.page.click("form button[type=submit]")
        if user.totp_secret:
            self.page.fill("input[name=code]", pyotp.TOTP(user.totp_secret).now())
            with self.page.expect_navigation():
                self.page.click("form button[type=submit]")
        self.check()

    def screen(self, name: str) -> None:
        """The kiosk shows screen ``name`` (the kiosk flow helpers call this)."""
        self.page.wait_for_selector(f"main[data-screen={name}]")

    def sign_out(self) -> None:
        self.click("button", name="Abmelden")
        assert self.page.url.endswith("/login")

    def done(self) -> None:
        assert self.violations == [], self.violations
        assert self.errors == [], self.errors


@pytest.fixture
def visit(app, chromium, request) -> Iterator[Any]:
    with live_server(app) as base:
        visits: list[Visit] = []

        def start(locale: str = "de-DE") -> Visit:
            name = f"{request.node.name}-{len(visits)}".replace("[", "-").replace("]", "")
            visits.append(Visit(chromium, base, locale, name))
            return visits[-1]

        yield start
        for v in visits:
            v.context.close()
