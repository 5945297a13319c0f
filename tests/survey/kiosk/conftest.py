from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from survey.database import db
from survey.database.types import utcnow
from survey.kiosk.pairing import create_code, redeem
from survey.sites.models import Site


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
