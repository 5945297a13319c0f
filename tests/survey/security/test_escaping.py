"""Free text is rendered escaped on every page: comments, names, labels, audit details."""

from __future__ import annotations

import uuid
from datetime import date

from survey.audit.operations import record
from survey.database import db
from survey.kiosk.models import KioskDevice
from tests.survey.access.routes import PUBLIC_ARGUMENTS, declared_rule, routes_of, rule_object
from tests.survey.staff import sign_in

PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
ESCAPED = "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"


def test_payloads_render_inert_on_every_page(app, make_site, make_response, make_user):
    site = make_site("AA", "Amt " + PAYLOAD)
    for i in range(10):
        make_response(site, day=date(2016, 3, 1 + i), comment=f"Kommentar {i} {PAYLOAD}")
    device = KioskDevice(site_id=site.id, label=PAYLOAD[:100], token_hash=uuid.uuid4().hex)
    db.session.add(device)
    record(db.session, "test.event", actor="tester", target=PAYLOAD, note=PAYLOAD)
    db.session.commit()
    admin = make_user("root", "admin", totp=True)
    client = app.test_client()
    sign_in(client, admin)
    samples = {"site": site.code, "device": device.id, "user": admin.id, "measure": 1}
    shown = 0
    for route in routes_of(app):
        if route.method != "GET" or route.endpoint in {"static", "accounts.login_totp"}:
            continue
        access = declared_rule(app, route.endpoint)
        rule = rule_object(app, route)
        values = {}
        for argument in rule.arguments:
            if access.public:
                sample = PUBLIC_ARGUMENTS[argument]
                values[argument] = site.code if sample == "own-site" else sample
            else:
                kind = "site" if argument == access.site_arg else access.objects[argument]
                values[argument] = samples[kind]
        url = rule.build(values, append_unknown=False)[1]
        response = client.get(url)
        page = response.get_data().decode(errors="replace")  # a PDF is checked too
        response.close()
        assert PAYLOAD not in page, url
        assert "<script>alert" not in page and 'onerror="alert' not in page, url
        shown += ESCAPED in page
    assert shown >= 4  # comments, sites, devices, audit log at least


def test_comment_page_shows_the_escaped_comment(app, make_site, make_response, make_user):
    site = make_site("AA")
    for i in range(10):
        make_response(site, day=date(2016, 3, 1 + i), comment=PAYLOAD if i == 3 else None)
    client = app.test_client()
    sign_in(client, make_user("lead", "lead", [site]))
    page = client.get("/admin/sites/AA/comments").get_data(as_text=True)
    assert ESCAPED in page
    assert PAYLOAD not in page
