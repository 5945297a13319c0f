"""The dashboard pages and downloads over HTTP, with the access rules."""

from __future__ import annotations

import csv
import io

import pytest

from survey.audit.models import AuditEvent
from survey.database import db

LEAD_CSV = ("headline", "trend", "profile", "drivers", "breakdown")
NETWORK_CSV = ("heatmap", "caterpillar", "multiples", "mix")


def test_lead_sees_the_own_dashboard_with_every_chart(signed_in, sites):
    client = signed_in("lead")
    page = client.get(f"/dashboard/{sites[0].code}").get_data(as_text=True)
    for key in ("trend", "profile", "drivers", "breakdown"):
        assert f'id="fig-{key}"' in page
    assert "Zufriedenheit (CSAT)" in page
    assert "<caption>" in page
    assert "Kommentare ansehen" in page
    assert "<script>" not in page  # CSP: no inline scripts


def test_lead_is_refused_on_another_site(signed_in, sites):
    client = signed_in("lead")
    foreign = sites[1].code
    assert client.get(f"/dashboard/{foreign}").status_code == 404
    assert client.get(f"/dashboard/{foreign}/trend.csv").status_code == 404
    assert client.get(f"/dashboard/{foreign}/comments").status_code == 404
    assert client.get("/dashboard/").status_code == 403
    assert client.get("/dashboard/heatmap.csv").status_code == 403


def test_viewer_has_no_comments(signed_in, sites):
    client = signed_in("viewer")
    page = client.get(f"/dashboard/{sites[0].code}").get_data(as_text=True)
    assert "Kommentare ansehen" not in page
    assert client.get(f"/dashboard/{sites[0].code}/comments").status_code == 403


@pytest.mark.parametrize("key", LEAD_CSV)
def test_lead_downloads_are_the_tables_and_audited(signed_in, sites, key):
    client = signed_in("lead")
    code = sites[0].code
    response = client.get(f"/dashboard/{code}/{key}.csv?period=year&channel=kiosk")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    page = client.get(f"/dashboard/{code}?period=year&channel=kiosk").get_data(as_text=True)
    for row in rows[1:4]:
        assert row[0] in page
    event = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "dashboard.download" and event.target == f"site:{code}"
    assert event.details["chart"] == key and event.details["rows"] == len(rows) - 1


def test_filters_change_the_numbers(signed_in, sites):
    client = signed_in("lead")
    code = sites[0].code
    year = client.get(f"/dashboard/{code}/profile.csv?period=year").get_data(as_text=True)
    month = client.get(f"/dashboard/{code}/profile.csv?period=quarter").get_data(as_text=True)
    kiosk = client.get(f"/dashboard/{code}/profile.csv?period=year&channel=online")
    assert year != month and year != kiosk.get_data(as_text=True)


def test_suppressed_cells_show_the_note(signed_in, sites):
    client = signed_in("provider")
    body = client.get("/dashboard/heatmap.csv?period=month").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    hidden = [r for r in rows[1:] if r[4] == "weniger als 10 Antworten"]
    assert hidden, "one month per site must leave some cells below 10"
    assert all(r[2] == "" and r[3] == "" for r in hidden)


def test_provider_overview_waves_and_downloads(signed_in):
    client = signed_in("provider")
    page = client.get("/dashboard/").get_data(as_text=True)
    for key in NETWORK_CSV:
        assert f'id="fig-{key}"' in page
        assert client.get(f"/dashboard/{key}.csv").status_code == 200
    waves = client.get("/dashboard/waves?a=2014-01:2014-12&b=2016-07:2017-06")
    text = waves.get_data(as_text=True)
    assert waves.status_code == 200 and "p (Holm)" in text and "Netzwerk" in text
    body = client.get("/dashboard/waves.csv?a=2014-01:2014-12&b=2016-07:2017-06").get_data(
        as_text=True
    )
    assert "p (Holm)" in body.splitlines()[0]


def test_admin_sees_everything(signed_in, sites):
    client = signed_in("admin")
    assert client.get("/dashboard/").status_code == 200
    assert client.get(f"/dashboard/{sites[3].code}").status_code == 200
    assert client.get(f"/dashboard/{sites[3].code}/comments").status_code == 200


def test_dashboard_loads_the_partial_plotly_bundle_as_a_static_file(signed_in, sites):
    client = signed_in("lead")
    page = client.get(f"/dashboard/{sites[0].code}").get_data(as_text=True)
    assert '<script src="/static/dashboard/vendor/plotly-cartesian.min.js" defer>' in page
    assert "plotly.min.js" not in page
    with client.get("/static/dashboard/vendor/plotly-cartesian.min.js") as response:
        assert response.status_code == 200 and response.mimetype == "text/javascript"
        assert b"plotly.js (cartesian - minified)" in response.get_data()[:200]


def test_english_staff_page(signed_in, sites):
    client = signed_in("lead")
    response = client.get(f"/dashboard/{sites[0].code}?lang=en")
    assert response.status_code == 200
