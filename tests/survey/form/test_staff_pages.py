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
    poster = client.get("/admin/sites/WI/poster.pdf")
    assert poster.status_code == 200
    assert poster.mimetype == "application/pdf"
    assert poster.get_data().startswith(b"%PDF")
