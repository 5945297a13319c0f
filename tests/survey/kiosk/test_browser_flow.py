"""The whole kiosk flow in a real browser, in German, Arabic (RTL) and Tigrinya,
on portrait and landscape tablets."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from survey.database import db
from survey.questionnaires.models import Item
from survey.responses.models import Answer, Comment, Response

from .browser import LANDSCAPE, PORTRAIT
from .flows import begin, current_item, go_to, stored, wait_until

pytestmark = pytest.mark.slow  # a real browser: deselect with -m 'not slow'

DIRECTION = {"de": "ltr", "ar": "rtl", "ti": "ltr"}


def _check_layout(page, viewport) -> None:
    """No sideways scrolling, every control at least 44 × 44 px, nothing leads out."""
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    small = page.evaluate(
        """() => [...document.querySelectorAll('main button, main textarea')]
            .map(b => b.getBoundingClientRect())
            .filter(r => r.width < 44 || r.height < 44).length"""
    )
    assert small == 0
    assert page.locator("a").count() == 0


def _answer_everything(kiosk, locale: str, viewport) -> dict[str, tuple[int, ...]]:
    """Go through every question: answer, go back once, skip one; returns what was chosen."""
    page = kiosk.page
    chosen: dict[str, tuple[int, ...]] = {}
    went_back = False
    while (item := current_item(kiosk)) != "comment":
        _check_layout(page, viewport)
        assert page.evaluate("document.documentElement.dir") == DIRECTION[locale]
        assert page.evaluate("document.documentElement.lang") == locale
        kind = page.evaluate(
            "document.querySelector('main .options.scale') ? 'scale' : "
            "(document.querySelector('main button.next') ? 'multi' : 'choice')"
        )
        if item == "trust":
            page.click("main button.skip")
        elif kind == "multi":
            for value in (1, 3):
                page.click(f"main .options button[data-value='{value}']")
            page.click("main button.next")
            chosen[item] = (1, 3)
        elif item == "appointment":
            page.click("main button.na")
            chosen[item] = (0,)
        else:
            value = 4 if kind == "scale" else 2
            page.click(f"main .options button[data-value='{value}']")
            chosen[item] = (value,)
        if item == "visits" and not went_back:
            # back to the previous question: its answer is still shown, then forward again
            go_to(kiosk, "appointment")
            page.click("main button.back")
            go_to(kiosk, "visits")
            assert page.get_attribute("main button[aria-pressed=true]", "data-value") == "2"
            page.click("main .options button[data-value='2']")
            went_back = True
        page.wait_for_function(
            f"() => document.querySelector('main .screen').dataset.item !== '{item}'"
        )
    return chosen


@pytest.mark.parametrize("locale", ["de", "ar", "ti"])
def test_full_flow_on_both_tablet_sizes(make_kiosk, kiosk_site, locale):
    kiosk = make_kiosk(viewport=PORTRAIT)
    kiosk.pair(kiosk_site)
    for n, viewport in enumerate((PORTRAIT, LANDSCAPE), start=1):
        kiosk.page.set_viewport_size(viewport)
        begin(kiosk, locale)
        chosen = _answer_everything(kiosk, locale, viewport)
        _check_layout(kiosk.page, viewport)
        kiosk.page.fill("#comment", "Sehr nett. Rückruf bitte: 0611 1234567")
        kiosk.page.click("main button.send")
        kiosk.screen("thanks")
        assert kiosk.page.evaluate("document.documentElement.dir") == DIRECTION[locale]
        if n == 1:  # automatic reset after a few seconds
            kiosk.screen("attract", timeout=10_000)
        else:  # or at once, with a tap
            kiosk.page.click("main .thanks")
            kiosk.screen("attract", timeout=1_000)
        # back to the greeting in the site's language
        assert kiosk.page.evaluate("document.documentElement.dir") == "ltr"
        wait_until(lambda n=n: stored(locale=locale) == n, kiosk.page, what="the response")
    assert kiosk.errors == []
    responses = db.session.scalars(select(Response).filter_by(locale=locale)).all()
    assert len(responses) == 2
    codes = dict(db.session.execute(select(Item.id, Item.code)).all())
    for response in responses:
        answers: dict[str, tuple[int, ...]] = {}
        for answer in db.session.scalars(select(Answer).filter_by(response_id=response.id)):
            answers[codes[answer.item_id]] = (*answers.get(codes[answer.item_id], ()), answer.value)
        assert answers == chosen
        assert response.channel == "kiosk" and isinstance(response.id, uuid.UUID)
        comment = db.session.get(Comment, response.id).text
        assert comment.startswith("Sehr nett") and "1234567" not in comment


def test_pairing_page_tells_a_wrong_code_from_too_many_attempts(make_kiosk):
    from playwright.sync_api import expect

    kiosk = make_kiosk(locale="de-DE")
    page = kiosk.page
    page.goto(f"{kiosk.base}/kiosk/pair")
    status = page.locator("#pair-status")
    for n in range(11):  # PAIRING_LIMIT: 10 per minute
        page.evaluate("document.getElementById('pair-status').textContent = ''")
        page.fill("#code", f"2345-678{n % 8 + 2}")
        page.click("button[type=submit]")
        if n < 10:
            expect(status).to_have_text("Der Code ist ungültig, abgelaufen oder schon benutzt.")
        else:
            expect(status).to_have_text("Zu viele Versuche. Bitte warten Sie einige Minuten.")
        expect(page.locator("button[type=submit]")).to_be_enabled()
