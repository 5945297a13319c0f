"""The locale order over HTTP: ?lang → cookie → site default → Accept-Language → de."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from survey.i18n import locales

from .pages import html_attr


def served(client: FlaskClient, url: str, **headers: str) -> str:
    html = client.get(url, headers=headers).get_data(as_text=True)
    return html_attr(html, "data-locale")


@pytest.fixture
def site(make_site):
    return make_site("WI", "Wiesbaden", default_locale="tr")


def test_accept_language_when_the_site_sets_no_default(client: FlaskClient, make_site) -> None:
    make_site("GI", "Gießen", default_locale="")  # empty: follow the browser
    assert served(client, "/s/GI", **{"Accept-Language": "ar-SY,ar;q=0.9,en;q=0.5"}) == "ar"
    assert served(client, "/s/GI", **{"Accept-Language": "zh-CN"}) == "de"
    assert served(client, "/s/GI") == "de"


def test_site_default_beats_accept_language(client: FlaskClient, site, make_site) -> None:
    assert served(client, "/s/WI", **{"Accept-Language": "fr"}) == "tr"
    make_site("MZ", "Mainz")  # the model's default site locale is German
    assert served(client, "/s/MZ", **{"Accept-Language": "fr"}) == "de"


def test_accept_language_off_site_pages(client: FlaskClient) -> None:
    html = client.get("/privacy", headers={"Accept-Language": "so,en;q=0.5"}).get_data(as_text=True)
    assert html_attr(html, "data-locale") == "so"


def test_explicit_choice_is_remembered_in_a_cookie(client: FlaskClient, site) -> None:
    response = client.get("/s/WI?lang=fa_AF")
    assert "lang=fa-AF" in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]
    assert served(client, "/s/WI", **{"Accept-Language": "fr"}) == "fa-AF"  # cookie beats site
    assert served(client, "/s/WI?lang=uk") == "uk"  # a new explicit choice beats the cookie


def test_no_cookie_without_an_explicit_choice(client: FlaskClient, site) -> None:
    # (Flask-WTF's session cookie for the CSRF token is another, strictly necessary one)
    for url in ("/s/WI", "/s/WI?lang=klingon"):
        cookies = client.get(url).headers.getlist("Set-Cookie")
        assert not [c for c in cookies if c.startswith("lang=")], url


def test_site_restricts_the_locales_and_the_picker(client: FlaskClient, make_site) -> None:
    make_site("DA", "Darmstadt", locales=["de", "ar", "ti"], default_locale="fr")
    # fr is neither offered as explicit choice nor as the (misconfigured) site default
    assert served(client, "/s/DA?lang=fr", **{"Accept-Language": "ti"}) == "ti"
    assert served(client, "/s/DA", **{"Accept-Language": "en"}) == "de"
    html = client.get("/s/DA?lang=ar").get_data(as_text=True)
    picker = html[html.index('class="language-picker"') :]
    assert [n for n in (i.native for i in locales.LOCALES) if f">{n}</a>" in picker] == [
        "Deutsch",
        "العربية",
        "ትግርኛ",
    ]


def test_picker_shows_every_language_in_its_own_name_and_no_flags(
    client: FlaskClient, site
) -> None:
    html = client.get("/s/WI?lang=en").get_data(as_text=True)
    picker = html[html.index('class="language-picker"') : html.index("</nav>")]
    for info in locales.LOCALES:
        assert f'lang="{info.html_lang}" dir="{info.direction}"' in picker
        assert f">{info.native}</a>" in picker
        assert f"lang={info.code}" in picker
    assert "<img" not in picker and "flag" not in picker.lower()
    assert 'aria-current="true">English</a>' in picker


def test_translated_pages_vary_on_cookie_and_language(client: FlaskClient, site) -> None:
    vary = client.get("/s/WI").headers["Vary"]
    assert "Accept-Language" in vary and "Cookie" in vary


def test_staff_pages_can_be_restricted_to_german_and_english(app) -> None:
    from flask import render_template_string

    from survey.i18n import current, only

    page = "{{ html_lang }} {{ html_dir }} {{ offered_locales|map(attribute='code')|join(',') }}"
    with app.test_request_context("/", headers={"Accept-Language": "ar, en;q=0.5"}):
        only()
        assert current().code == "en"
        assert render_template_string(page) == "en ltr de,en"
    with app.test_request_context("/?lang=ti", headers={"Accept-Language": "ar"}):
        only()
        assert current().code == "de"
