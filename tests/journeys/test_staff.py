"""Staff journeys: office lead, viewer, provider, admin. Only links and buttons are clicked."""

from __future__ import annotations

from datetime import date

from survey.dashboard.filters import month_start


def _accepted_or_downloaded(v, label: str) -> None:
    """A report or export starts a background job; the tests run jobs inside the request
    (``SURVEY_JOBS_CONSUMER=immediate``), so the status page shows the finished file,
    which is downloaded as an attachment."""
    v.click("button", name=label)
    assert "/job" in v.page.url, v.page.url
    link = v.page.locator("main p[role=status] a")  # "PDF herunterladen" or "Download PDF"
    assert link.count() == 1, v.page.inner_text("main")
    with v.page.expect_download() as download:
        link.first.click()
    name = download.value.suggested_filename
    with open(download.value.path(), "rb") as file:
        head = file.read(4)
    magic = {".pdf": b"%PDF", ".zip": b"PK\x03\x04", ".xlsx": b"PK\x03\x04"}
    assert head == magic[name[name.rindex(".") :]], name


def test_office_lead(visit, make_user, network):
    wi, _gi = network
    v = visit()
    v.sign_in(make_user("lead-wi", "lead", [wi]))
    # lands on the own dashboard, for the latest period with answers
    assert v.page.url.endswith("/dashboard/WI")
    assert v.page.locator("h1").inner_text() == "Dashboard: Wiesbaden"
    v.page.wait_for_selector("#chart-profile .js-plotly-plot")
    # where the site is weak: the question profile's table names the waiting time
    assert "Wartezeit" in v.page.locator("#chart-profile table").text_content()
    # the comments of the month
    v.click("link", name="Kommentare ansehen")
    last = month_start(date.today(), 1).strftime("%m/%Y")
    assert v.page.get_by_role("heading", name=last).count() == 1
    assert "Wartezeit zu lang" in v.page.inner_text("main")
    v.click("link", name="Zurück zum Dashboard")
    # record a measure
    v.click("link", name="Maßnahmen", exact=True)
    v.page.fill("input[name=day]", date.today().isoformat())
    v.page.fill("input[name=label]", "Zweiter Schalter")
    v.click("button", name="Speichern")
    assert "Zweiter Schalter" in v.page.locator("table").inner_text()
    # set an alert rule
    v.click("link", name="Hinweis-Regeln")
    v.page.select_option("select[name=kind]", index=0)
    v.page.fill("input[name=threshold]", "70")
    v.click("button", name="Speichern")
    assert "Noch keine Regeln." not in v.page.inner_text("main")
    # the site report and a raw-data export, from the dashboard
    v.click("link", name="Dashboard Wiesbaden")
    _accepted_or_downloaded(v, "Standortbericht als PDF")
    v.click("link", name="Bericht und Rohdaten")
    _accepted_or_downloaded(v, "Rohdaten exportieren")
    v.sign_out()
    v.done()


def test_lead_with_several_sites_picks_one(visit, make_user, network):
    v = visit()
    v.sign_in(make_user("lead-two", "lead", list(network)))
    assert v.page.url.endswith("/start")
    assert v.page.locator("tbody tr").count() == 2
    v.click("link", name="Gießen (GI)")
    assert v.page.locator("h1").inner_text() == "Dashboard: Gießen"
    v.click("link", name="Start")
    v.click("link", name="Wiesbaden (WI)")
    assert v.page.locator("h1").inner_text() == "Dashboard: Wiesbaden"
    v.sign_out()
    v.done()


def test_viewer(visit, make_user, network):
    v = visit("en-GB")
    v.sign_in(make_user("viewer-wi", "viewer", [network[0]]))
    assert v.page.url.endswith("/dashboard/WI")
    assert v.page.locator("h1").inner_text() == "Dashboard: Wiesbaden"
    assert v.page.get_by_role("link", name="Comments").count() == 0
    _accepted_or_downloaded(v, "Site report as PDF")
    v.click("button", name="Sign out")
    v.done()


def test_provider(visit, make_user, network):
    v = visit()
    v.sign_in(make_user("provider", "provider"))
    assert v.page.url.endswith("/dashboard/")
    v.page.wait_for_selector("#chart-caterpillar .js-plotly-plot")
    v.click("link", name="Wiesbaden (WI)")
    assert v.page.locator("h1").inner_text() == "Dashboard: Wiesbaden"
    v.click("link", name="Netzwerk-Übersicht")
    assert v.page.locator("h1").inner_text() == "Netzwerk-Übersicht"
    v.click("link", name="Wellenvergleich", exact=True)
    assert "/dashboard/waves" in v.page.url
    _accepted_or_downloaded(v, "Veröffentlichung mit diesen Wellen als PDF")
    v.sign_out()
    v.done()


def test_admin(visit, make_user, network):
    v = visit()
    v.sign_in(make_user("root", "admin", totp=True))
    assert v.page.url.endswith("/admin/")
    # add a site
    v.click("link", name="Standorte", exact=True)
    v.click("link", name="Standort anlegen")
    v.page.fill("input[name=code]", "OF")
    v.page.fill("input[name=name]", "Offenbach")
    v.click("button", name="Anlegen")
    assert "Offenbach" in v.page.locator("h1").inner_text()
    # a lead for it
    v.click("link", name="Benutzer", exact=True)
    v.click("link", name="Benutzer anlegen")
    v.page.fill("input[name=username]", "lead-of")
    v.page.select_option("select[name=role]", "lead")
    v.page.select_option("select[name=sites]", label="OF – Offenbach")
    v.click("button", name="Anlegen")
    assert "lead-of" in v.page.inner_text("main")
    # the enrolment link is handed over: the new lead sets a password and lands at their site
    link = v.page.locator("code.enrolment-link").inner_text().strip()
    lead = visit()
    lead.page.goto(link)
    lead.check()
    lead.page.fill("input[name=password]", "Offenbach counter seven, blue door")
    lead.page.fill("input[name=confirm]", "Offenbach counter seven, blue door")
    lead.click("button", name="Konto einrichten")
    assert lead.page.url.endswith("/login")
    lead.page.fill("input[name=username]", "lead-of")
    lead.page.fill("input[name=password]", "Offenbach counter seven, blue door")
    lead.click("button", name="Anmelden")
    assert lead.page.url.endswith("/dashboard/OF"), lead.page.url
    lead.done()
    v.click("link", name="Zum Benutzer")
    # a pairing code for a kiosk at the new site
    v.click("link", name="Geräte", exact=True)
    v.click("link", name="Offenbach (OF)")
    v.click("button", name="Code erzeugen")
    assert v.page.locator(".pairing-code code").inner_text().strip()
    v.sign_out()
    v.done()
