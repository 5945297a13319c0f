"""The privacy notice (DSGVO Art. 13) and the accessibility statement (BITV 2.0) with an
office's details, and the notice when an office has not set them."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from survey.i18n import locales
from survey.sites.legal import ARBITRATION_URL

from .details import DETAILS

NOTICE = 'id="missing-details"'


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_privacy_notice_names_everything_article_13_needs(client, make_site) -> None:
    make_site("WI", "Wiesbaden", comment_retention_days=90, **DETAILS)
    html = page(client, "/privacy?site=WI&lang=de")
    assert NOTICE not in html
    for part in (
        'id="controller"',  # controller, with its address and contact
        "Stadt Wiesbaden, Ausländerbehörde",
        "Alcide-de-Gasperi-Straße 2<br>65197 Wiesbaden",
        "barrierefrei@example.org, 0611 000000",
        "Datenschutzbeauftragte oder Datenschutzbeauftragter",  # data-protection officer
        "datenschutz@example.org",
        'id="purpose"',  # purposes and legal basis
        "Art. 6 Abs. 1 lit. e DSGVO",
        'id="retention"',  # retention
        "Nach 90 Tagen löschen wir den Kommentar.",
        'id="rights"',  # rights
        "Auskunft, Berichtigung, Löschung",
        'id="authority"',  # supervisory authority
        "Der Hessische Beauftragte für Datenschutz, Wiesbaden",
    ):
        assert part in html, part


def test_accessibility_statement_has_what_bitv_needs(client, make_site) -> None:
    make_site("WI", "Wiesbaden", **DETAILS)
    html = page(client, "/accessibility?site=WI&lang=de")
    assert NOTICE not in html
    for part in (
        "Zuletzt geprüft am",
        "1. März 2026",  # date of the last review, in the page's language
        'id="not-accessible"',  # what is not yet accessible, and why
        "weil es noch keine Aufnahmen gibt",
        'id="feedback"',  # the feedback contact
        "barrierefrei@example.org, 0611 000000",
        'id="arbitration"',  # the arbitration body (§ 16 BGG), linked
        f'href="{ARBITRATION_URL}"',
        "§ 16 BGG",
    ):
        assert part in html, part
    english = page(client, "/accessibility?site=WI&lang=en")
    assert "March 1, 2026" in english and "What is not yet accessible" in english
    assert "۱" in page(client, "/accessibility?site=WI&lang=fa")  # Persian digits


@pytest.mark.parametrize("path", ["/privacy", "/accessibility"])
def test_missing_details_show_the_notice(client, make_site, path: str) -> None:
    make_site("WI", "Wiesbaden")
    html = page(client, f"{path}?site=WI&lang=de")
    assert NOTICE in html and "noch nicht eingetragen" in html
    assert 'href="#missing-details"' in html  # each empty detail points to the notice
    english = page(client, f"{path}?site=WI&lang=en")
    assert "The office has not yet filled in these details" in english
    # no office chosen, or an unknown one: the same notice, never an error
    assert NOTICE in page(client, f"{path}?lang=de")
    assert NOTICE in page(client, f"{path}?site=NOPE&lang=de")


def test_one_missing_detail_is_named_and_the_rest_shown(client, make_site) -> None:
    make_site("WI", "Wiesbaden", **{**DETAILS, "dpo_contact": ""})
    html = page(client, "/privacy?site=WI&lang=de")
    assert NOTICE in html
    assert 'data-detail="dpo_contact"><a href="#missing-details">' in html
    assert "Der Hessische Beauftragte für Datenschutz" in html


def test_details_are_escaped(client, make_site) -> None:
    make_site("WI", "Wiesbaden", **{**DETAILS, "legal_name": "<script>x()</script>"})
    html = page(client, "/privacy?site=WI&lang=de")
    assert "<script>x()" not in html and "&lt;script&gt;x()" in html


@pytest.mark.parametrize("code", locales.CODES)
def test_new_texts_are_translated_in_every_locale(client, make_site, code: str) -> None:
    """No German fallback (``<span lang="de">``) on either page in any locale."""
    make_site("WI", "Wiesbaden", **DETAILS)
    for path in ("/privacy", "/accessibility"):
        html = page(client, f"{path}?site=WI&lang={code}")
        if code not in ("de", "de-easy"):
            assert '<span lang="de">' not in html, (code, path)
    for path in ("/privacy", "/accessibility"):
        assert NOTICE in page(client, f"{path}?lang={code}")
