"""The form page stays within 25 KB gzip (HTML + CSS + JS, no fonts) with no third-party request."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from survey.form.weight import LIMIT_BYTES, linked, third_party, weigh
from survey.i18n import locales


@pytest.mark.parametrize("code", locales.CODES)
def test_the_form_is_within_budget(client: FlaskClient, make_site, code: str) -> None:
    make_site("WI", "Wiesbaden")

    def fetch(path: str) -> bytes:
        with client.get(path) as response:
            assert response.status_code == 200, path
            return response.get_data()

    path = f"/s/WI?lang={code}"
    html = fetch(path).decode()
    sizes = weigh(path, fetch)
    assert any(url.endswith(".css") for url in sizes), "the stylesheet is weighed"
    assert sum(sizes.values()) <= LIMIT_BYTES, sizes
    assert linked(html), "the page loads its stylesheet"
    assert third_party(html) == []


def test_third_party_urls_are_found() -> None:
    html = '<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//x.io/a.js">'
    assert third_party(html) == ["https://cdn.example/x.css", "//x.io/a.js"]
