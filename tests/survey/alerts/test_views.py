"""The rules page: a lead sets the rules of the own site, with clear errors; the
lead dashboard shows the alerts firing, the provider overview a count per site."""

from __future__ import annotations

from sqlalchemy import func, select

from survey.alerts.models import AlertRule
from survey.audit.models import AuditEvent
from survey.database import db
from tests.survey.staff import csrf_token, post_form, sign_in

from .conftest import FIRST

RULE = {"kind": "csat_below", "threshold": "70", "last_n": "30", "recipients": ""}


def _rules() -> list[tuple[int, str, float, int, str]]:
    return db.session.execute(
        select(AlertRule.site_id, AlertRule.kind, AlertRule.threshold, AlertRule.last_n,
               AlertRule.recipients).order_by(AlertRule.kind)
    ).all()  # fmt: skip


def test_lead_saves_a_rule_and_bad_input_changes_nothing(app, make_site, make_user):
    site = make_site("AA")
    client = app.test_client()
    sign_in(client, make_user("lead", "lead", [site]))
    for bad, message in (
        ({"threshold": "150"}, "Zahl muss zwischen 1 und 99 liegen"),
        ({"last_n": "10"}, "Zahl muss zwischen 30 und 5000 liegen"),
        ({"recipients": "l@amt.example leitung at"}, "Keine gültige E-Mail-Adresse: leitung, at"),
        ({"kind": "mean_below"}, 'id="kind-error"'),
    ):
        page = post_form(client, "/dashboard/AA/alerts", RULE | bad)
        assert page.status_code == 400
        assert message in page.get_data(as_text=True), bad
    assert _rules() == []
    assert client.post("/dashboard/AA/alerts", data=RULE).status_code == 400  # no CSRF token
    done = post_form(client, "/dashboard/AA/alerts", RULE | {"recipients": "l@amt.example"})
    assert done.status_code == 302
    assert _rules() == [(site.id, "csat_below", 0.7, 30, "l@amt.example")]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action.startswith("alerts.")))
    assert (event.action, event.actor, event.target) == ("alerts.rule_add", "lead", "site:AA")
    page = client.get("/dashboard/AA/alerts").get_data(as_text=True)
    assert "l@amt.example" in page and "weniger als 10 Antworten" in page


def test_a_rule_of_another_site_cannot_be_deleted_through_the_own(app, make_site, make_user):
    own, foreign = make_site("AA"), make_site("BB")
    db.session.add(AlertRule(site_id=foreign.id, kind="csat_below", threshold=0.5, last_n=50))
    db.session.commit()
    rule_id = db.session.scalar(select(AlertRule.id))
    client = app.test_client()
    sign_in(client, make_user("lead", "lead", [own]))
    token = csrf_token(client, "/dashboard/AA/alerts")
    response = client.post(
        "/dashboard/AA/alerts/delete", data={"rule": rule_id, "csrf_token": token}
    )
    assert response.status_code == 404
    assert db.session.scalar(select(func.count()).select_from(AlertRule)) == 1


def test_the_dashboards_show_firing_alerts(app, make_site, make_user, answers):
    site, quiet = make_site("AA"), make_site("BB")
    answers(site, 12, days=3, start=FIRST, overall=2)
    answers(quiet, 12, days=3, start=FIRST, overall=5)
    for s in (site, quiet):
        db.session.add(AlertRule(site_id=s.id, kind="csat_below", threshold=0.7, last_n=30))
    db.session.commit()
    lead = app.test_client()
    sign_in(lead, make_user("lead", "lead", [site]))
    page = lead.get("/dashboard/AA").get_data(as_text=True)
    assert 'class="alert-banner"' in page
    assert "CSAT der letzten 30 Antworten unter 70,0%" in page
    assert "0,0% (95-Prozent-Intervall 0,0% – 9,6%), n = 36." in page
    assert "Antworten vom 01.03.2016 bis 03.03.2016" in page  # days, no times
    assert 'class="alert-banner"' not in lead.get("/dashboard/BB").get_data(as_text=True)
    provider = app.test_client()
    sign_in(provider, make_user("provider", "provider"))
    overview = provider.get("/dashboard/").get_data(as_text=True)
    assert '<a href="/dashboard/AA#alerts">Teststadt (AA)</a></th><td>1</td>' in overview
    assert '<a href="/dashboard/BB#alerts">Teststadt (BB)</a></th><td>0</td>' in overview
