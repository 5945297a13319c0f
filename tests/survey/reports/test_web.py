"""Report downloads on the web: background render, status page, scoped and audit-logged."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from survey.audit.models import AuditEvent
from survey.database import db
from tests.survey.staff import post_form, sign_in

FORM = {"start": "2016-05-01", "end": "2016-05-31", "lang": "en"}


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_lead_requests_waits_and_downloads_the_site_report(
    app, make_site, make_user, make_response
):
    site = make_site("WI", "Wiesbaden")
    make_site("GI", "Gießen")
    for k in range(12):
        make_response(site, {"overall": (4 if k % 3 else 2,)}, day=date(2016, 5, 2))
    client = app.test_client()
    lead = make_user("anna", "lead", [site])
    sign_in(client, lead)
    assert client.get("/reports/site/WI").status_code == 200
    assert client.get("/reports/site/GI").status_code == 404  # not her site
    assert client.get("/reports/network").status_code == 403

    started = post_form(client, "/reports/site/WI", FORM)
    assert started.status_code == 302
    status_url = started.location
    assert "/reports/site/WI/job?id=" in status_url
    # the job has run inside the request (SURVEY_JOBS_CONSUMER=immediate): no waiting
    page = client.get(status_url).get_data(as_text=True)
    assert "konnte nicht" not in page and "could not" not in page, page
    assert "/download" in page, page
    download = client.get(status_url.replace("/job", "/download"))
    assert download.status_code == 200
    assert download.mimetype == "application/pdf"
    assert download.data.startswith(b"%PDF")
    download.close()
    assert _actions()[-2:] == ["report.request", "report.download"]

    # a job id is the owner's only: another user with the same site gets nothing
    other = app.test_client()
    sign_in(other, make_user("bert", "lead", [site]))
    assert other.get(status_url).status_code == 400
    assert other.get(status_url.replace("/job", "/download")).status_code == 400


def test_a_bad_period_is_refused_before_anything_starts(app, make_site, make_user):
    site = make_site("WI", "Wiesbaden")
    client = app.test_client()
    sign_in(client, make_user("anna", "lead", [site]))
    page = post_form(client, "/reports/site/WI", {**FORM, "end": "2016-04-01"})
    assert page.status_code == 200
    assert "report.request" not in _actions()


def test_the_progress_step_is_shown_in_the_readers_language(app, make_site, make_user, monkeypatch):
    from survey.reports import jobs, worker

    def halfway(args, log, env, limit):  # the command got as far as its charts
        log.write("… analysis\n… charts (3 sites)\n".encode())
        return 1

    monkeypatch.setattr(worker, "run_command", halfway)
    site = make_site("WI", "Wiesbaden")
    client = app.test_client()
    sign_in(client, make_user("anna", "lead", [site]))
    status_url = post_form(client, "/reports/site/WI", FORM).location
    job_id = status_url.split("id=", 1)[1]
    (jobs.folder() / f"{job_id}.exit").unlink()  # as if the command were still running
    english = client.get(f"{status_url}&lang=en").get_data(as_text=True)
    assert "Step 2 of 3: drawing the charts" in english
    assert "charts (3 sites)" not in english and "Das PDF" not in english
    german = client.get(f"{status_url}&lang=de").get_data(as_text=True)
    assert "Das PDF wird erstellt … Schritt 2 von 3: Diagramme werden gezeichnet" in german
