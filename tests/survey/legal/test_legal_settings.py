"""An admin sets an office's legal details on the site settings page (audit-logged)."""

from __future__ import annotations

from sqlalchemy import select

from survey.audit.models import AuditEvent
from survey.database import db
from tests.survey.staff import post_form, sign_in

from .details import DETAILS

SETTINGS = "/admin/sites/WI/settings"


def base_values(site) -> dict:
    return {
        "name": site.name,
        "default_locale": "de",
        "kiosk_idle_seconds": str(site.kiosk_idle_seconds),
        "kiosk_min_interval_seconds": str(site.kiosk_min_interval_seconds),
        "comment_retention_days": str(site.comment_retention_days),
        "enabled": "y",
    }


def admin(app, make_user):
    client = app.test_client()
    sign_in(client, make_user("root", "admin", totp=True))
    return client


def test_admin_sets_the_legal_details(app, make_site, make_user) -> None:
    site = make_site("WI", "Wiesbaden")
    client = admin(app, make_user)
    form = client.get(SETTINGS).get_data(as_text=True)
    for key in DETAILS:
        assert f'name="{key}"' in form, key
    values = {
        **base_values(site),
        **{k: v for k, v in DETAILS.items() if k != "accessibility_reviewed"},
        "legal_address": "  Alcide-de-Gasperi-Straße 2\r\n65197 Wiesbaden  ",
        "accessibility_reviewed": "2026-03-01",
    }
    response = post_form(client, SETTINGS, values)
    assert response.status_code == 302
    db.session.refresh(site)
    for key, value in DETAILS.items():
        assert getattr(site, key) == value, key  # line ends and blanks cleaned
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.actor, event.target) == ("site.settings", "root", "site:WI")
    assert event.details["legal_name"] == DETAILS["legal_name"]
    assert event.details["accessibility_reviewed"] == "2026-03-01"
    # the public pages show them at once
    html = app.test_client().get("/privacy?site=WI&lang=de").get_data(as_text=True)
    assert 'id="missing-details"' not in html and "65197 Wiesbaden" in html
    # unchanged details are not logged again
    count = len(db.session.scalars(select(AuditEvent)).all())
    post_form(client, SETTINGS, values)
    assert len(db.session.scalars(select(AuditEvent)).all()) == count


def test_bad_details_are_refused_and_nothing_changes(app, make_site, make_user) -> None:
    site = make_site("WI", "Wiesbaden", legal_name="Alt")
    client = admin(app, make_user)
    for bad in (
        {"legal_name": "x" * 301},
        {"dpo_contact": "y" * 501},
        {"accessibility_reviewed": "2026-13-45"},
    ):
        response = post_form(client, SETTINGS, {**base_values(site), **bad})
        assert response.status_code == 200, bad
        assert 'class="error"' in response.get_data(as_text=True), bad
        db.session.refresh(site)
        assert (site.legal_name, site.dpo_contact, site.accessibility_reviewed) == ("Alt", "", None)


def test_details_can_be_cleared_again(app, make_site, make_user) -> None:
    site = make_site("WI", "Wiesbaden", **DETAILS)
    client = admin(app, make_user)
    cleared = {**base_values(site), **dict.fromkeys(DETAILS, "")}
    assert post_form(client, SETTINGS, cleared).status_code == 302
    db.session.refresh(site)
    assert (site.legal_name, site.accessibility_reviewed) == ("", None)
    html = app.test_client().get("/accessibility?site=WI&lang=de").get_data(as_text=True)
    assert 'id="missing-details"' in html
