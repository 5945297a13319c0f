from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from survey.accounts.models import User
from survey.audit.models import AuditEvent
from survey.database import db
from survey.kiosk.models import KioskDevice
from survey.responses.models import Response
from survey.sites.models import Site
from tests.survey.staff import post_form, sign_in


def last_event() -> AuditEvent:
    return db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()


def admin_client(app, make_user):
    client = app.test_client()
    sign_in(client, make_user("root", "admin", totp=True))
    return client


def test_admin_creates_a_site_and_a_lead(app, make_user):
    client = admin_client(app, make_user)
    created = post_form(client, "/admin/sites/new", {"code": "wi", "name": "Wiesbaden"})
    assert created.status_code == 302 and created.location == "/admin/sites/WI/settings"
    assert last_event().action == "site.add"
    duplicate = post_form(client, "/admin/sites/new", {"code": "WI", "name": "Nochmal"})
    assert "exists already" in duplicate.get_data(as_text=True)
    # no initial password: the new user sets it through an enrolment link, shown once
    user = post_form(
        client, "/admin/users/new", {"username": "anna", "role": "lead", "sites": ["WI"]}
    )
    assert user.status_code == 200 and "/account/enrol/" in user.get_data(as_text=True)
    anna = db.session.scalar(select(User).filter_by(username="anna"))
    assert [s.code for s in anna.sites] == ["WI"]
    event = last_event()
    assert (event.action, event.actor) == ("user.enrolment_link", "root")
    added = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.add"))
    assert (added.actor, added.details["role"]) == ("root", "lead")


def test_admin_changes_role_disables_and_resets(app, make_site, make_user):
    site = make_site("WI")
    anna = make_user("anna", "lead", [site])
    theirs = app.test_client()
    sign_in(theirs, anna)
    client = admin_client(app, make_user)
    path = f"/admin/users/{anna.id}"
    post_form(client, path, {"role": "viewer", "sites": ["WI"], "active": "y"})
    db.session.refresh(anna)
    assert anna.role == "viewer"
    assert theirs.get("/admin/").status_code == 302  # role change ends sessions
    post_form(client, path, {"role": "viewer", "sites": ["WI"]})  # active unticked
    db.session.refresh(anna)
    assert not anna.active
    assert last_event().action == "user.disable"
    post_form(client, f"{path}/password", {"password": "a fresh password"}, page=path)
    db.session.refresh(anna)
    assert last_event().action == "user.password_reset"
    # an admin cannot lock themselves out
    root = db.session.scalar(select(User).filter_by(username="root"))
    refused = post_form(client, f"/admin/users/{root.id}", {"role": "viewer", "sites": ["WI"]})
    assert "nicht selbst" in refused.get_data(as_text=True)
    db.session.refresh(root)
    assert root.role == "admin" and root.active


def test_lead_edits_own_site_settings_but_cannot_switch_it_off(app, make_site, make_user):
    site = make_site("WI", "Wiesbaden")
    client = app.test_client()
    sign_in(client, make_user("anna", "lead", [site]))
    page = client.get("/admin/sites/WI/settings").get_data(as_text=True)
    assert 'name="enabled"' not in page
    values = {
        "name": "Wiesbaden Mitte",
        "locales": ["de", "en", "ar"],
        "default_locale": "de",
        "kiosk_idle_seconds": "60",
        "kiosk_min_interval_seconds": "20",
        "comment_retention_days": "90",
        "enabled": "",
    }
    response = post_form(client, "/admin/sites/WI/settings", values)
    assert response.status_code == 302
    db.session.refresh(site)
    assert (site.name, site.locales, site.comment_retention_days) == (
        "Wiesbaden Mitte",
        ["de", "en", "ar"],
        90,
    )
    assert site.enabled
    event = last_event()
    assert event.action == "site.settings" and event.actor == "anna"
    assert event.details["comment_retention_days"] == 90
    bad = post_form(client, "/admin/sites/WI/settings", {**values, "default_locale": "fr"})
    assert "default locale" in bad.get_data(as_text=True)


def test_lead_renames_and_revokes_own_device(app, make_site, make_user):
    site = make_site("WI")
    device = KioskDevice(site_id=site.id, label="Tablet 1", token_hash=uuid.uuid4().hex)
    db.session.add(device)
    db.session.commit()
    client = app.test_client()
    sign_in(client, make_user("anna", "lead", [site]))
    assert "Tablet 1" in client.get("/admin/devices").get_data(as_text=True)
    post_form(client, f"/admin/devices/{device.id}", {"label": "Schalter 3"})
    post_form(client, f"/admin/devices/{device.id}/revoke", {}, page="/admin/devices")
    db.session.refresh(device)
    assert device.label == "Schalter 3" and device.revoked_at is not None
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["device.rename", "device.revoke"]


def test_devices_page_shows_health_and_flagged_answers(app, make_site, make_user, make_response):
    site, other = make_site("WI"), make_site("GI")
    now = datetime.now(UTC)
    fresh = KioskDevice(
        site_id=site.id,
        label="Schalter 1",
        token_hash=uuid.uuid4().hex,
        last_seen_at=now - timedelta(hours=2),
        app_version="k-7",
        queue_length=3,
    )
    quiet = KioskDevice(
        site_id=site.id,
        label="Schalter 2",
        token_hash=uuid.uuid4().hex,
        last_seen_at=now - timedelta(days=2),
        app_version="k-6",
    )
    foreign = KioskDevice(site_id=other.id, label="Fremd", token_hash=uuid.uuid4().hex)
    db.session.add_all([fresh, quiet, foreign])
    db.session.commit()
    for flagged in (True, True, False):
        make_response(site, channel="kiosk", device_id=fresh.id, flagged=flagged)
    client = app.test_client()
    sign_in(client, make_user("anna", "lead", [site]))
    page = client.get("/admin/devices").get_data(as_text=True)
    rows = {row.split("</td>")[1].strip(): row for row in page.split("<tr")[2:]}
    assert "Fremd" not in page  # another office's tablet
    first = rows["<td>Schalter 1"]
    assert "k-7" in first and "<td>3</td>" in first and "<td>2</td>" in first  # queue 3, 2 flagged
    assert "still" not in first
    assert "seit über einem Tag still" in rows["<td>Schalter 2"]
    assert 'class="device-silent"' in rows["<td>Schalter 2"]


def test_admin_deletes_site_data_after_confirmation(app, make_site, make_response, make_user):
    site, other = make_site("WI"), make_site("GI")
    for s in (site, other):
        make_response(s, day=date(2016, 3, 1), comment="hallo")
    client = admin_client(app, make_user)
    page = client.get("/admin/sites/WI/delete").get_data(as_text=True)
    assert "1 Antworten" in page
    wrong = post_form(client, "/admin/sites/WI/delete", {"confirm": "GI"})
    assert "stimmt nicht" in wrong.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Response)) == 2
    done = post_form(client, "/admin/sites/WI/delete", {"confirm": "wi"})
    assert done.status_code == 302
    site_ids = set(db.session.scalars(select(Response.site_id)))
    assert site_ids == {other.id}
    assert db.session.scalar(select(Site).filter_by(code="WI")) is not None
    event = last_event()
    assert (event.action, event.actor, event.target) == ("site.delete_data", "root", "site:WI")


def test_audit_log_is_filterable(app, make_site, make_user):
    lead = make_user("anna", "lead", [make_site("WI")])
    sign_in(app.test_client(), lead)
    post_form(app.test_client(), "/login", {"username": "anna", "password": "wrong one!!"})
    client = admin_client(app, make_user)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "login.failed" in page and "user:anna" in page
    only_failed = client.get("/admin/audit?action=login.failed").get_data(as_text=True)
    assert "login.failed" in only_failed
    rows = only_failed.split("<tbody>")[1]
    assert "<code>login</code>" not in rows
    by_actor = client.get("/admin/audit?actor=root").get_data(as_text=True).split("<tbody>")[1]
    assert "user:root" in by_actor and "user:anna" not in by_actor
    future = client.get("/admin/audit?since=2999-01-01").get_data(as_text=True)
    assert "Keine Einträge" in future


def test_questionnaire_versions_are_listed_read_only(app, make_user):
    client = admin_client(app, make_user)
    page = client.get("/admin/questionnaires").get_data(as_text=True)
    assert "core@1" in page and "overall" in page
    assert "<form" not in page.split("</nav>")[1]


def test_translation_status_shows_which_locales_need_review(app, make_user):
    client = admin_client(app, make_user)
    assert "/admin/translations" in client.get("/admin/questionnaires").get_data(as_text=True)
    page = client.get("/admin/translations").get_data(as_text=True)
    rows = {
        code: row
        for row in page.split("<tr")[1:]
        if (code := row.split("<code>")[1].split("</code>")[0] if "<code>" in row else None)
    }
    assert len(rows) == 18
    assert "geprüft" in rows["de"]
    for code in ("ar", "ti", "de-easy", "fa-AF"):
        assert "Entwurf" in rows[code], code
    assert '<td lang="de">Leichte Sprache</td>' in rows["de-easy"]


def test_lead_pairs_a_tablet_with_own_site(app, make_site, make_user):
    site = make_site("WI")
    client = app.test_client()
    sign_in(client, make_user("anna", "lead", [site]))
    assert "/admin/sites/WI/pairing" in client.get("/admin/devices").get_data(as_text=True)
    page = post_form(client, "/admin/sites/WI/pairing", {"label": "Schalter 3"})
    code = re.search(r'class="pairing-code"><code>([A-Z0-9-]+)</code>', page.get_data(as_text=True))
    assert code, page.get_data(as_text=True)
    event = last_event()
    assert (event.action, event.target, event.details["label"]) == (
        "device.pairing_code",
        "site:WI",
        "Schalter 3",
    )
    assert code.group(1).replace("-", "") not in str(event.details)  # the code is not logged
    tablet = app.test_client()
    paired = tablet.post("/kiosk/api/pair", json={"code": code.group(1)})
    assert paired.status_code == 201 and paired.json["site"] == "WI"
    assert "Schalter 3" in client.get("/admin/devices").get_data(as_text=True)
    bearer = {"Authorization": f"Bearer {paired.json['token']}"}
    assert tablet.post("/kiosk/api/heartbeat", json={}, headers=bearer).status_code == 200
    device = db.session.scalar(select(KioskDevice).filter_by(site_id=site.id))
    post_form(client, f"/admin/devices/{device.id}/revoke", {}, page="/admin/devices")
    refused = tablet.post("/kiosk/api/heartbeat", json={}, headers=bearer)
    assert refused.status_code == 403 and refused.json["error"] == "device_revoked"
