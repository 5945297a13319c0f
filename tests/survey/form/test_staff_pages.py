"""Leads generate invitation codes and download the QR poster of their own site."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import func, select

from survey.database import db
from survey.form.models import InvitationCode
from tests.survey.staff import isolated_requests, make_user, post_form, sign_in  # noqa: F401


def test_a_lead_generates_codes_and_downloads_the_poster(
    isolated_requests,  # noqa: F811
    client: FlaskClient,
    make_site,
    make_user,  # noqa: F811
) -> None:
    site = make_site("WI", "Wiesbaden", locales=["de", "en"])
    sign_in(client, make_user("lea", "lead", [site]))
    page = "/admin/sites/WI/invitations"
    response = post_form(client, page, {"count": "4"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    codes = re.search(r'<pre class="invitation-codes">(.*?)</pre>', html, re.S).group(1).split()
    assert len(set(codes)) == 4
    assert db.session.scalar(select(func.count()).select_from(InvitationCode)) == 4
    assert client.get(f"/s/WI?c={codes[0]}").status_code == 200
    refused = post_form(client, page, {"count": "0"})
    assert "invitation-codes" not in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(InvitationCode)) == 4
    client.application.config["SURVEY_PUBLIC_URL"] = "https://feedback.example.de"
    poster = client.get("/admin/sites/WI/poster.pdf")
    assert poster.status_code == 200
    assert poster.mimetype == "application/pdf"
    assert poster.get_data().startswith(b"%PDF")


def test_the_poster_prints_only_the_configured_address(
    isolated_requests,  # noqa: F811
    app,
    make_site,
    make_user,  # noqa: F811
    monkeypatch,
) -> None:
    """The Host header is the client's: it never reaches the poster."""
    from survey.form import staff_views

    printed: list[str] = []
    monkeypatch.setattr(staff_views, "render_pdf", lambda site, url: printed.append(url) or b"%PDF")
    site = make_site("WI", "Wiesbaden")
    client = app.test_client()
    client.environ_base["HTTP_HOST"] = "evil.example"  # every request names this host
    sign_in(client, make_user("lea", "lead", [site]))
    refused = client.get("/admin/sites/WI/poster.pdf")
    assert refused.status_code == 409
    assert "SURVEY_PUBLIC_URL" in refused.get_data(as_text=True)
    assert "SURVEY_PUBLIC_URL" in client.get("/admin/sites/WI/invitations").get_data(as_text=True)
    app.config["SURVEY_PUBLIC_URL"] = "https://feedback.example.de/"
    assert client.get("/admin/sites/WI/poster.pdf").status_code == 200
    assert printed == ["https://feedback.example.de/s/WI"]
