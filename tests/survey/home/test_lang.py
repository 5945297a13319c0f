"""The ``lang`` attribute matches the text: home page, kiosk pairing, translations page."""

from __future__ import annotations

import re

import pytest

from tests.survey.staff import sign_in


def _html_lang(page: str) -> str:
    return re.search(r"<html lang=\"([^\"]*)\"", page).group(1)


@pytest.mark.parametrize(
    ("accept", "lang", "heading"),
    [
        ("en-GB,en;q=0.9", "en", "Feedback for the immigration office"),
        ("de-DE", "de", "Feedback für die Ausländerbehörde"),
        ("fr-FR,fr;q=0.9", "de", "Feedback für die Ausländerbehörde"),
        ("ar", "de", "Feedback für die Ausländerbehörde"),
    ],
)
def test_home_page_lang_matches_its_text_and_links_every_site(
    client, make_site, accept, lang, heading
):
    make_site("WI", "Wiesbaden")
    make_site("GI", "Gießen")
    page = client.get("/", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert _html_lang(page) == lang
    assert f"<h1>{heading}</h1>" in page
    assert '<span lang="de">' not in page  # nothing falls back inside another language
    assert '<a href="/s/WI">Wiesbaden</a>' in page
    assert '<a href="/s/GI">Gießen</a>' in page


@pytest.mark.parametrize(
    ("accept", "lang", "title"),
    [
        ("en-US", "en", "Pair tablet"),
        ("fr-FR", "de", "Tablet koppeln"),
        ("tr", "de", "Tablet koppeln"),
    ],
)
def test_kiosk_pair_title_is_plain_text_in_the_page_language(client, accept, lang, title):
    page = client.get("/kiosk/pair", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert _html_lang(page) == lang
    assert f"<title>{title}</title>" in page
    assert "&lt;span" not in page and '<span lang="de">' not in page


def test_translations_page_has_a_language_code_not_a_dict(app, make_user):
    client = app.test_client()
    sign_in(client, make_user("a", "admin", totp=True))
    page = client.get("/admin/translations").get_data(as_text=True)
    assert _html_lang(page) == "de"
    assert 'lang="ar"' in page  # each language's own name still carries its code


def test_every_page_names_an_icon_that_exists(client):
    """Without one, browsers ask for /favicon.ico and get a 404 on every first visit."""
    for path in ("/", "/login", "/privacy"):
        page = client.get(path).get_data(as_text=True)
        icon = re.search(r'<link rel="icon" href="([^"]+)"', page)
        assert icon, path
        response = client.get(icon.group(1))
        assert response.status_code == 200
        response.close()
