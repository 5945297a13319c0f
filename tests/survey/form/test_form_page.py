from __future__ import annotations

import re
import uuid

import pytest
from flask.testing import FlaskClient

from survey.i18n import locales
from survey.questionnaires.definition import Definition

from .pages import FALLBACK_MARK, german_sources, html_attr, visible_text

GERMAN = {"de", "de-easy"}


@pytest.fixture
def site(make_site):
    return make_site("WI", "Wiesbaden")


@pytest.mark.parametrize("code", locales.CODES)
def test_every_locale_renders_the_whole_form_translated(
    client: FlaskClient, site, core_definition: Definition, code: str
) -> None:
    response = client.get(f"/s/WI?lang={code}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    info = locales.get(code)
    assert html_attr(html, "lang") == info.html_lang
    assert html_attr(html, "dir") == info.direction
    assert html_attr(html, "data-locale") == code
    assert FALLBACK_MARK not in html, "a string fell back to German"
    if code not in GERMAN:
        leftovers = german_sources() & set(visible_text(html))
        assert not leftovers, f"German text on the {code} page: {sorted(leftovers)[:3]}"
    # the whole questionnaire as a plain form: field names are the item codes
    for item in core_definition.items:
        kind = "textarea" if item.kind == "text" else "input"
        assert re.search(rf'<{kind}[^>]*name="{item.code}"', html), item.code
    assert html.count("<fieldset") == len(core_definition.items) - 1
    assert html.count('<legend id="l-') == len(core_definition.items) - 1
    assert html.count('type="checkbox" name="improve"') == 8
    assert 'name="appointment" value="na"' in html
    found = re.search(r'name="response_id" value="([^"]+)"', html)
    assert found and uuid.UUID(found.group(1))
    assert re.search(r'name="csrf_token" value="[^"]+"', html)


def test_every_locale_has_privacy_and_accessibility_pages(client: FlaskClient, site) -> None:
    for code in locales.CODES:
        for path in ("/privacy", "/accessibility"):
            response = client.get(f"{path}?lang={code}&site=WI")
            html = response.get_data(as_text=True)
            assert response.status_code == 200, (path, code)
            assert FALLBACK_MARK not in html, (path, code)
            if code not in GERMAN:
                assert not german_sources() & set(visible_text(html)), (path, code)


def test_form_links_privacy_and_accessibility_in_its_language(client: FlaskClient, site) -> None:
    html = client.get("/s/WI?lang=ti").get_data(as_text=True)
    assert "/privacy?site=WI&amp;lang=ti" in html
    assert "/accessibility?site=WI&amp;lang=ti" in html


def test_numbers_in_the_locale_digits(client: FlaskClient, make_site) -> None:
    make_site("OF", "Offenbach", comment_retention_days=180)
    assert "۱۸۰" in client.get("/privacy?site=OF&lang=fa").get_data(as_text=True)
    assert "180" in client.get("/privacy?site=OF&lang=ar").get_data(as_text=True)
    assert "۲٬۰۰۰" in client.get("/s/OF?lang=fa").get_data(as_text=True)  # comment limit
    assert "2.000" in client.get("/s/OF?lang=de").get_data(as_text=True)


def test_scale_steps_carry_number_and_label(client: FlaskClient, site) -> None:
    html = client.get("/s/WI?lang=ar").get_data(as_text=True)
    start = html.index('id="q-overall"')
    block = html[start : html.index("</fieldset>", start)]
    assert block.count('class="step"') == 5
    assert "غير راضٍ إطلاقًا" in block and "راضٍ جدًا" in block
    assert block.index('value="1"') < block.index('value="5"')  # document order = reading order


@pytest.mark.parametrize("code", ["ar", "fa-AF", "ti", "de-easy"])
def test_unknown_site_is_a_404_in_the_locale(client: FlaskClient, code: str) -> None:
    response = client.get(f"/s/NOPE?lang={code}")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert html_attr(html, "lang") == locales.get(code).html_lang
    assert FALLBACK_MARK not in html
    if code != "de-easy":
        assert "Seite nicht gefunden" not in html


def test_disabled_site_is_a_404(client: FlaskClient, make_site) -> None:
    make_site("ZU", "Zu", enabled=False)
    assert client.get("/s/ZU").status_code == 404
    assert client.get("/s/zu").status_code == 404


def test_site_code_is_case_insensitive(client: FlaskClient, site) -> None:
    assert client.get("/s/wi").status_code == 200


def test_font_stylesheet_only_where_needed(client: FlaskClient, site) -> None:
    assert "NotoNaskhArabic.css" in client.get("/s/WI?lang=ps").get_data(as_text=True)
    assert "NotoSansEthiopic.css" in client.get("/s/WI?lang=ti").get_data(as_text=True)
    german = client.get("/s/WI?lang=de").get_data(as_text=True)
    assert "fonts/" not in german
    for font in ("NotoNaskhArabic.css", "NotoSansEthiopic.css"):
        with client.get(f"/static/fonts/{font}") as response:
            assert response.status_code == 200


@pytest.mark.parametrize(
    ("code", "days", "expected"),
    [
        ("ru", 1, "через 1 день"),
        ("ru", 3, "через 3 дня"),
        ("ru", 365, "через 365 дней"),
        ("ar", 2, "بعد 2 يومين"),
        ("ar", 7, "بعد 7 أيام"),
        ("ar", 365, "بعد 365 يومًا"),
        ("ar", 100, "بعد 100 يوم."),
        ("fa", 30, "پس از ۳۰ روز"),
        ("de", 1, "Nach 1 Tag löschen"),
        ("de", 30, "Nach 30 Tagen löschen"),
    ],
)
def test_retention_days_in_the_plural_form_of_the_locale(
    client: FlaskClient, make_site, code: str, days: int, expected: str
) -> None:
    make_site("RT", "Retention", comment_retention_days=days)
    html = client.get(f"/privacy?site=RT&lang={code}").get_data(as_text=True)
    assert expected in html
    assert FALLBACK_MARK not in html
