from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from survey.database import db
from survey.database.types import utcnow
from survey.kiosk.pairing import create_code, redeem
from survey.sites.models import Site

from .browser import live_server


@pytest.fixture
def kiosk_site(make_site: Callable[..., Site]) -> Site:
    return make_site("WI", "Wiesbaden", locales=["de", "en", "ar", "ti"])


@pytest.fixture
def pair(app: Flask) -> Callable[..., str]:
    """Pair a new device with a site through the real operations; returns its token."""

    def factory(site: Site, label: str = "Schalter 1") -> str:
        issued = create_code(db.session, site, utcnow(), label)
        paired = redeem(db.session, issued.code, utcnow())
        db.session.commit()
        return paired.token

    return factory


@pytest.fixture
def token(kiosk_site: Site, pair: Callable[..., str]) -> str:
    return pair(kiosk_site)


def bearer(token: str) -> dict[str, Any]:
    return {"Authorization": f"Bearer {token}"}


# --- real browser -----------------------------------------------------------


@pytest.fixture
def server(app: Flask) -> Iterator[str]:
    with live_server(app) as url:
        yield url


class Kiosk:
    """A tablet: one browser context, paired with a site through /kiosk/pair."""

    def __init__(self, browser: Any, base: str, **context: Any) -> None:
        self.base = base
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on(
            "console",
            lambda msg: self.errors.append(msg.text) if msg.type == "error" else None,
        )

    def pair(self, site: Site, label: str = "Schalter 1") -> None:
        issued = create_code(db.session, site, utcnow(), label)
        db.session.commit()
        self.page.goto(f"{self.base}/kiosk")  # unpaired: sent on to the pairing page
        self.page.wait_for_url("**/kiosk/pair")
        self.page.fill("#code", issued.display)
        self.page.click("button[type=submit]")
        self.screen("attract")

    def screen(self, name: str, timeout: float = 10_000) -> None:
        self.page.wait_for_selector(f"main[data-screen={name}]", timeout=timeout)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def make_kiosk(chromium: Any, server: str) -> Iterator[Any]:
    made: list[Kiosk] = []

    def factory(**context: Any) -> Kiosk:
        made.append(Kiosk(chromium, server, **context))
        return made[-1]

    yield factory
    for kiosk in made:
        kiosk.close()
