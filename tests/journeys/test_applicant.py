"""Applicant journeys: from the home page to the office's form, in Arabic and Tigrinya;
and at a kiosk paired by staff: language picker, questionnaire, thank-you."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from survey.database import db
from survey.responses.models import Response
from tests.survey.kiosk.flows import quick_response


def _stored(locale: str) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(Response).filter_by(locale=locale))


@pytest.mark.parametrize(
    ("code", "native", "direction"), [("ar", "العربية", "rtl"), ("ti", "ትግርኛ", "ltr")]
)
def test_applicant_online(visit, network, code, native, direction):
    v = visit("de-DE")
    v.page.goto(f"{v.base}/")
    v.check()
    v.click("link", name="Wiesbaden", exact=True)
    assert v.page.url.endswith("/s/WI")
    v.click("link", name=native, exact=True)
    assert v.page.get_attribute("html", "lang") == code
    assert v.page.get_attribute("html", "dir") == direction
    v.page.locator("input[name=overall][value='5']").locator("..").click()
    v.click("button", name=v.page.locator("button[type=submit]").inner_text().strip())
    assert "/s/WI/thanks" in v.page.url
    assert v.page.get_attribute("html", "lang") == code
    assert _stored(code) == 1
    v.done()


def test_admin_pairs_a_kiosk_and_sees_it_answered(visit, make_user, network):
    admin = visit()
    admin.sign_in(make_user("root", "admin", totp=True))
    admin.click("link", name="Geräte", exact=True)
    admin.click("link", name="Wiesbaden (WI)")
    admin.page.fill("input[name=label]", "Schalter 3")
    admin.click("button", name="Code erzeugen")
    code = admin.page.locator(".pairing-code code").inner_text().strip()
    # the tablet: /kiosk sends an unpaired tablet to the pairing page
    tablet = visit("de-DE")
    tablet.page.goto(f"{tablet.base}/kiosk")
    tablet.page.wait_for_url("**/kiosk/pair")
    tablet.check()
    tablet.page.fill("#code", code)
    tablet.page.click("button[type=submit]")
    tablet.page.wait_for_selector("main[data-screen=attract]")
    quick_response(tablet, locale="ti")  # language picker → questionnaire → thank-you
    tablet.check()
    tablet.done()
    # the device appears on the devices page
    admin.click("link", name="Geräte", exact=True)
    row = admin.page.locator("tr", has_text="Schalter 3")
    assert row.count() == 1 and "Wiesbaden (WI)" in row.inner_text()
    admin.sign_out()
    admin.done()
