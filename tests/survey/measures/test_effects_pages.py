"""The effects pages: the provider's catalogue, the lead's own measures, one measure's
event study; reached from the navigation; access by role and site."""

from __future__ import annotations

from sqlalchemy import select

from survey.dashboard.cache import clear
from survey.database import db
from survey.measures.models import Measure
from survey.sites.models import Site
from tests.survey.staff import sign_in


def test_provider_and_lead_reach_the_catalogue(app, demo, make_user):
    clear()
    wi = db.session.scalar(select(Site).filter_by(code="WI"))
    da = db.session.scalar(select(Site).filter_by(code="DA"))
    provider = app.test_client()
    sign_in(provider, make_user("pv", "provider"))
    home = provider.get("/admin/").get_data(as_text=True)
    assert 'href="/dashboard/effects"' in home
    page = provider.get("/dashboard/effects")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Was hat gewirkt?" in text
    assert "Beobachtungsstudie, kein Experiment" in text
    assert "Terminsystem / Online-Buchung" in text and "Gepoolt über" in text
    assert 'data-figure="fig-effect-0"' in text and "<caption>" in text
    csv = provider.get("/dashboard/effects.csv")
    assert csv.status_code == 200 and csv.get_data(as_text=True).lstrip("\ufeff").startswith(
        "measure,site,type"
    )
    lead = app.test_client()
    sign_in(lead, make_user("lw", "lead", [wi]))
    assert lead.get("/dashboard/effects").status_code == 403
    dashboard = lead.get("/dashboard/WI").get_data(as_text=True)
    assert 'href="/dashboard/WI/effects"' in dashboard
    own = lead.get("/dashboard/WI/effects").get_data(as_text=True)
    assert "Neues Terminsystem" in own and "Online-Terminvergabe" not in own  # that is OF's
    assert "Gepoolt über" in own  # how the same type did across the network
    measure = db.session.scalar(
        select(Measure.id).filter_by(site_id=wi.id, label="Neues Terminsystem")
    )
    detail = lead.get(f"/dashboard/WI/effects/{measure}")
    body = detail.get_data(as_text=True)
    assert detail.status_code == 200 and "Monate seit dem Start" in body and "Referenzmonat" in body
    assert lead.get(f"/dashboard/DA/effects/{measure}").status_code in (403, 404)
    assert lead.get("/dashboard/WI/effects/999999").status_code == 404
    assert lead.get(f"/dashboard/{da.code}/effects").status_code in (403, 404)
    english = lead.get("/dashboard/WI/effects?lang=en").get_data(as_text=True)
    assert "Observational study, not an experiment" in english
