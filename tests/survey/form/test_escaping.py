"""Translations are trusted markup, values put into them are not."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from survey.i18n import _, ngettext, pgettext

EVIL = '<script>alert("x")</script>'


def test_site_name_is_escaped_in_a_translated_string(client: FlaskClient, make_site) -> None:
    make_site("EV", EVIL)
    for code in ("de", "ar", "ti"):
        html = client.get(f"/s/EV?lang={code}").get_data(as_text=True)
        assert EVIL not in html
        assert "&lt;script&gt;" in html


def test_python_side_fallback_escapes_values(app: Flask) -> None:
    with app.test_request_context("/?lang=fr"):
        text = _("Ein Satz, den es nicht gibt: %(x)s", x=EVIL)
        assert str(text).startswith('<span lang="de">Ein Satz')
        assert "&lt;script&gt;" in str(text)
        expected = "Votre avis est destiné à\xa0: Gießen"
        assert _("Ihre Rückmeldung an: %(site)s", site="Gießen") == expected
        assert pgettext("core@1:visits:3", "dreimal oder öfter") == "trois fois ou plus"


def test_plural_fallback_is_german(app: Flask) -> None:
    with app.test_request_context("/?lang=ar"):
        one = ngettext("%(num)s Antwort", "%(num)s Antworten", 1)
        many = ngettext("%(num)s Antwort", "%(num)s Antworten", 7)
        assert one == '<span lang="de">1 Antwort</span>'
        assert many == '<span lang="de">7 Antworten</span>'
    with app.test_request_context("/?lang=de"):
        assert ngettext("%(num)s Antwort", "%(num)s Antworten", 7) == "7 Antworten"


def test_picker_links_drop_url_for_keywords(client: FlaskClient, make_site) -> None:
    make_site("WI", "Wiesbaden")
    html = client.get("/s/WI?lang=en&_external=1&_scheme=javascript&_anchor=x").get_data(
        as_text=True
    )
    assert "javascript" not in html
    assert 'href="/s/WI?lang=ar"' in html
