"""POST /s/<site> with JavaScript off: every locale, the bad-input table, exactly once."""

from __future__ import annotations

from html import escape

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from survey.database import db
from survey.form import messages
from survey.i18n import locales
from survey.i18n.text import lookup
from survey.responses.models import Comment, Response

from .pages import FALLBACK_MARK, html_attr
from .submitting import GOOD, hidden_fields, open_form, post, stored


@pytest.fixture
def site(make_site):
    return make_site("WI", "Wiesbaden")


def in_locale(code: str, message, **variables) -> str:
    """``message`` (a lazy string of survey.form.messages) as the page shows it in ``code``."""
    text, fallback = lookup(locales.get(code), message._args[0])
    assert not fallback, (code, text)
    return str(escape(text % variables if variables else text, quote=False))


@pytest.mark.parametrize("code", locales.CODES)
def test_every_locale_submits_without_javascript(client: FlaskClient, site, code: str) -> None:
    url = f"/s/WI?lang={code}"
    response = post(client, url, GOOD)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/s/WI/thanks?lang={code}"
    thanks = client.get(response.headers["Location"])
    html = thanks.get_data(as_text=True)
    assert thanks.status_code == 200
    assert html_attr(html, "lang") == locales.get(code).html_lang
    assert in_locale(code, messages.THANKS_TITLE) in html
    assert FALLBACK_MARK not in html
    row = db.session.scalars(select(Response)).one()
    assert (row.locale, row.channel, row.site_id) == (code, "online", site.id)
    assert db.session.scalars(select(Comment.text)).one() == "Alles gut."


def test_the_thank_you_page_reveals_nothing(client: FlaskClient, site) -> None:
    fields = open_form(client, "/s/WI?lang=en")
    response = post(client, "/s/WI?lang=en", GOOD, fields)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert fields["response_id"] not in response.headers["Location"] + html
    assert "Alles gut" not in html


TOO_LONG = "x" * 2001
BAD = [
    # (case, answers, field with the error, message)
    ("unknown item", {"bogus": "1"}, None, messages.OTHER_ERROR),
    ("out of range", {"overall": "9"}, "overall", messages.ERRORS["out_of_range"]),
    ("wrong type", {"overall": "gut"}, "overall", messages.ERRORS["not_a_number"]),
    ("two answers to one question", {"overall": ["1", "2"]}, "overall", None),
    ("comment too long", {"comment": TOO_LONG}, "comment", messages.ERRORS["too_long"]),
]


@pytest.mark.parametrize("code", ["de", "en", "ar", "uk", "de-easy"])
@pytest.mark.parametrize(("case", "answers", "field", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_in_the_locale_and_nothing_is_stored(
    client: FlaskClient, site, code, case, answers, field, message
) -> None:
    url = f"/s/WI?lang={code}"
    kept = {"waiting": "2", "comment": "Schöne Räume"} if field != "comment" else {"waiting": "2"}
    response = post(client, url, {**kept, **answers})
    html = response.get_data(as_text=True)
    assert response.status_code == 400, case
    assert stored() == 0
    assert html_attr(html, "lang") == locales.get(code).html_lang
    assert in_locale(code, messages.ERROR_SUMMARY) in html
    if message is not None:
        variables = {"max": "2.000"} if code in ("de", "de-easy") else {}
        if case == "comment too long":
            assert 'id="e-comment"' in html
        else:
            assert in_locale(code, message, **variables) in html
    if field is not None:
        # the message sits next to the field and is tied to it; the summary links to it
        assert f'id="e-{field}"' in html
        assert f'aria-describedby="e-{field}' in html
        assert f'<a href="#f-{field}' in html
    # the given answers are kept
    assert 'name="waiting" value="2" checked' in html
    if field != "comment":
        assert ">Schöne Räume</textarea>" in html
    # a fresh form can still be sent: same response UUID, new CSRF token
    assert hidden_fields(html)["response_id"]


def test_unknown_and_disabled_sites_are_404_in_the_locale(client: FlaskClient, make_site) -> None:
    make_site("OFF", "Geschlossen", enabled=False)
    fields = {"csrf_token": "x", "response_id": "y", "lang": "fr"}
    for url in ("/s/NOPE?lang=fr", "/s/OFF?lang=fr"):
        for response in (client.get(url), client.post(url, data={**fields, **GOOD})):
            html = response.get_data(as_text=True)
            assert response.status_code == 404, url
            assert in_locale("fr", messages.SITE_NOT_FOUND) in html
    assert stored() == 0


def test_an_oversized_payload_is_413_in_the_locale(client: FlaskClient, site) -> None:
    response = post(client, "/s/WI?lang=tr", {**GOOD, "comment": "x" * 70_000})
    assert response.status_code == 413
    assert in_locale("tr", messages.TOO_LARGE) in response.get_data(as_text=True)
    assert stored() == 0


def test_a_double_submit_stores_once_and_both_see_thanks(client: FlaskClient, site) -> None:
    fields = open_form(client, "/s/WI?lang=ru")
    first = post(client, "/s/WI?lang=ru", GOOD, fields)
    again = post(client, "/s/WI?lang=ru", GOOD, fields)  # double tap, back + resubmit, retry
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    assert stored() == 1


def test_a_filled_honeypot_stores_nothing_but_thanks(client: FlaskClient, site) -> None:
    response = post(client, "/s/WI?lang=en", {**GOOD, "contact_url": "http://spam.example"})
    assert response.status_code == 303
    assert stored() == 0


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client: FlaskClient, site) -> None:
    html = client.get("/s/WI").get_data(as_text=True)
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="contact_url" type="text" tabindex="-1"' in html


def test_a_missing_csrf_token_re_shows_the_form_with_the_answers(client: FlaskClient, site) -> None:
    fields = open_form(client, "/s/WI?lang=es")
    fields.pop("csrf_token")
    response = post(client, "/s/WI?lang=es", GOOD, fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert in_locale("es", messages.CHECK_FAILED) in html
    assert in_locale("es", messages.SESSION_EXPIRED) not in html, "not 'open too long'"
    assert ">Alles gut.</textarea>" in html
    assert stored() == 0


def test_an_expired_csrf_token_says_the_page_was_open_too_long(make_app, make_site) -> None:
    app = make_app(WTF_CSRF_TIME_LIMIT=-1)  # every token is past its limit: no clock involved
    with app.app_context():
        make_site("WI", "Wiesbaden")
        client = app.test_client()
        response = post(client, "/s/WI?lang=en", GOOD)
        html = response.get_data(as_text=True)
        assert response.status_code == 400
        assert in_locale("en", messages.SESSION_EXPIRED) in html
        assert in_locale("en", messages.CHECK_FAILED) not in html
        assert ">Alles gut.</textarea>" in html
        assert stored() == 0


def test_a_limited_client_gets_a_localized_429_and_nothing_is_stored(make_app, make_site) -> None:
    app = make_app(SURVEY_FORM_RATELIMIT="2 per minute")
    with app.app_context():
        make_site("WI", "Wiesbaden")
        client = app.test_client()
        codes = [post(client, "/s/WI?lang=pl", GOOD).status_code for _ in range(3)]
        response = post(client, "/s/WI?lang=pl", GOOD)
        assert codes[:2] == [303, 303]
        assert response.status_code == 429
        assert in_locale("pl", messages.TOO_MANY) in response.get_data(as_text=True)
        assert stored() == 2


def test_only_strictly_necessary_cookies(client: FlaskClient, site) -> None:
    post(client, "/s/WI", GOOD)
    names = {cookie.key for cookie in client._cookies.values()}
    # the CSRF token's session cookie, and the language the respondent chose
    assert names <= {"session", "lang"}, names
    columns = set(Response.__table__.columns.keys())
    assert not {"ip", "user_agent", "created_at", "answered_at"} & columns
