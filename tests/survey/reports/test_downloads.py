"""The dashboards' report and export buttons, and raw-data exports on the web.

The buttons are plain forms (no JavaScript): they post the dashboard's period
(and the UI language, or the waves) to /reports and /exports, which start a
background job. The exports run ``flask responses export`` in a subprocess; the
downloaded files are parsed and a CSV export is imported back.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
import zipfile
from collections import Counter
from datetime import date
from html import unescape

import pyreadstat
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from survey.audit.models import AuditEvent
from survey.database import db
from survey.reports import jobs, worker
from survey.responses.codebook import COLUMNS
from survey.responses.csvio import EXPORT_HEADER, HEADER
from survey.responses.importer import import_csv
from survey.responses.models import NOT_APPLICABLE
from survey.responses.monthly import MONTH_HEADER
from tests.survey.responses.checks import assert_tallies_match_recount
from tests.survey.responses.csvfiles import TALLIES, stored, wipe_responses
from tests.survey.staff import post_form, sign_in

FORM = re.compile(r'<form method="post" action="([^"]+)" class="download-form">(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input name="([^"]+)" type="hidden" value="([^"]*)">')
ARABIC = "الانتظار طويل"


def download_forms(page: str) -> dict[str, dict[str, str]]:
    """The dashboard's download forms: action → hidden fields."""
    return {
        unescape(action): {name: unescape(value) for name, value in HIDDEN.findall(body)}
        for action, body in FORM.findall(page)
    }


@pytest.fixture
def network(make_site, make_response):
    """Two sites with answers in 2016 (some in the month before the period)."""
    wi, gi = make_site("WI", "Wiesbaden"), make_site("GI", "Gießen")
    answers = [
        {"topic": (1,), "overall": (5,), "appointment": (NOT_APPLICABLE,), "improve": (1, 5)},
        {"overall": (2,), "resolved": (3,), "visits": (3,), "referral": (4,), "trust": (1,)},
        {"overall": (4,), "waiting": (2,)},
    ]
    for i in range(30):
        make_response(
            (wi, gi)[i % 2],
            answers[i % 3],
            id=uuid.UUID(int=i + 1),
            day=date(2016, 3 + i % 4, 1 + i),
            channel=("kiosk", "online")[i % 2],
            locale=("de", "ar", "en")[i % 3],
            comment=ARABIC if i % 5 == 0 else ("=1+1" if i % 7 == 0 else None),
        )
    return wi, gi


@pytest.fixture
def fake_children(monkeypatch):
    """Record the jobs' commands instead of running them (for the request tests)."""
    started: list[list[str]] = []

    def record(args, log, env, limit):
        started.append(args)
        return 1  # nothing written: the job fails, which these tests do not look at

    monkeypatch.setattr(worker, "run_command", record)
    return started


def _signed_in(app, make_user, role, sites=(), name=""):
    client = app.test_client()
    user = make_user(name or f"u-{role}", role, sites, totp=role == "admin")
    assert sign_in(client, user).status_code == 302
    return client


def _actions() -> list[tuple[str, str, dict]]:
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
    return [(e.action, e.target, e.details) for e in events]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_lead_dashboard_buttons_post_the_period_and_language(
    app, make_user, network, fake_children, lang
):
    wi, _ = network
    client = _signed_in(app, make_user, "lead", [wi])
    # the whole of WI's answers (15): a period with fewer than 10 shows no report buttons
    page = client.get(f"/dashboard/WI?period=custom&from=2016-03&to=2016-06&lang={lang}")
    assert page.status_code == 200
    forms = download_forms(page.get_data(as_text=True))
    assert set(forms) == {"/reports/site/WI", "/exports/site/WI"}
    report = forms["/reports/site/WI"]
    assert (report["start"], report["end"], report["lang"]) == ("2016-03-01", "2016-06-30", lang)
    assert forms["/exports/site/WI"]["start"] == "2016-03-01"

    started = client.post("/reports/site/WI", data=report)
    assert started.status_code == 302 and "/reports/site/WI/job?id=" in started.location
    assert fake_children[-1][-8:] == ["--from", "2016-03-01", "--to", "2016-06-30",
                                      "--lang", lang, "--out", fake_children[-1][-1]]  # fmt: skip
    status = client.get(started.location)
    assert status.status_code == 200 and "2016-03-01" in status.get_data(as_text=True)

    export = {**forms["/exports/site/WI"], "fmt": "xlsx"}
    started = client.post("/exports/site/WI", data=export)
    assert started.status_code == 302 and "/exports/site/WI/job?id=" in started.location
    site_and_period = ["--site", "WI", "--from", "2016-03-01", "--to", "2016-06-30"]
    assert fake_children[-1][-6:] == site_and_period
    assert "--format" in fake_children[-1] and "xlsx" in fake_children[-1]
    assert [a for a, _, _ in _actions() if not a.startswith("auth")][-2:] == [
        "report.request",
        "export.request",
    ]
    # a report job is not an export job and the other way round
    report_id = client.get(started.location).request.args["id"]
    assert client.get(f"/reports/site/WI/job?id={report_id}").status_code == 400


def test_a_post_without_the_csrf_token_starts_nothing(make_app, make_user, network, fake_children):
    app = make_app()  # CSRF on
    wi, _ = network
    client = _signed_in(app, make_user, "lead", [wi])
    form = download_forms(client.get("/dashboard/WI").get_data(as_text=True))["/exports/site/WI"]
    refused = client.post("/exports/site/WI", data={**form, "csrf_token": "forged", "fmt": "csv"})
    assert refused.status_code in (200, 400)
    assert fake_children == []
    assert client.post("/exports/site/WI", data={**form, "fmt": "csv"}).status_code == 302
    assert len(fake_children) == 1


def test_which_role_sees_which_button(app, make_user, network, fake_children):
    wi, _ = network
    viewer = _signed_in(app, make_user, "viewer", [wi])
    forms = download_forms(viewer.get("/dashboard/WI").get_data(as_text=True))
    assert set(forms) == {"/reports/site/WI"}  # viewers: reports, no raw data

    provider = _signed_in(app, make_user, "provider")
    forms = download_forms(provider.get("/dashboard/?period=year").get_data(as_text=True))
    assert set(forms) == {"/reports/network", "/exports/"}
    page = provider.get("/dashboard/waves?a=2016-03:2016-04&b=2016-05:2016-06")
    forms = download_forms(page.get_data(as_text=True))
    assert forms["/reports/network"]["a"] == "2016-03-01:2016-04-30"
    assert forms["/reports/network"]["b"] == "2016-05-01:2016-06-30"
    started = provider.post("/reports/network", data=forms["/reports/network"])
    assert started.status_code == 302
    assert fake_children[-1][-4:] == ["--a", "2016-03-01:2016-04-30", "--b",
                                      "2016-05-01:2016-06-30"]  # fmt: skip
    assert (
        provider.post("/reports/network", data={**forms["/reports/network"], "b": ""}).status_code
        == 200
    )
    assert len(fake_children) == 1  # one wave alone is refused

    forms = download_forms(provider.get("/dashboard/").get_data(as_text=True))
    provider.post("/exports/", data={**forms["/exports/"], "fmt": "csv"})
    assert "--site" not in fake_children[-1]  # every site, as the CLI without --site
    lead = _signed_in(app, make_user, "lead", [wi])
    period = {"start": forms["/exports/"]["start"], "end": forms["/exports/"]["end"]}
    assert post_form(lead, "/exports/", {**period, "fmt": "csv"}).status_code == 302
    assert fake_children[-1].count("--site") == 1 and "WI" in fake_children[-1]  # own sites only
    orphan = _signed_in(app, make_user, "lead", [], "orphan")
    assert orphan.get("/exports/").status_code == 404  # no site: never "every site"
    assert len(fake_children) == 3  # nothing started for the lead without sites


def _wait_and_download(client, status_url: str):
    """The job has run inside the request (SURVEY_JOBS_CONSUMER=immediate in the tests):
    its status page offers the file at once, no waiting on the clock."""
    page = client.get(status_url).get_data(as_text=True)
    assert "konnte nicht" not in page and "could not" not in page, page
    assert "/download" in page, page
    return client.get(status_url.replace("/job", "/download"))


def _export(client, fmt: str, start="2016-01-01", end="2016-12-31", **more):
    form = {"start": start, "end": end, "fmt": fmt, **more}
    started = post_form(client, "/exports/site/WI", form)
    assert started.status_code == 302, started.get_data(as_text=True)
    download = _wait_and_download(client, started.location)
    assert download.status_code == 200
    data = download.data
    download.close()
    return download, data


DAYS = {"detail": "day", "purpose": "Evaluation 2016"}


def test_lead_gets_the_month_file_and_may_not_ask_for_days(
    app, engine, make_user, make_response, network
):
    wi, _ = network
    for k in range(12):  # one combination large enough to be written
        answers = {"topic": (2,), "overall": (k % 5 + 1,)}
        comment = "Sehr gut" if k == 3 else None
        make_response(wi, answers, day=date(2016, 8, 1 + k), channel="kiosk", comment=comment)
    client = _signed_in(app, make_user, "lead", [wi])
    page = client.get("/exports/site/WI").get_data(as_text=True)
    assert 'name="purpose"' not in page and "mindestens 10 Antworten" in page
    form = {"start": "2016-01-01", "end": "2016-12-31", "fmt": "csv", **DAYS}
    refused = post_form(client, "/exports/site/WI", form)
    assert refused.status_code == 200 and "nur für Projektträger" in refused.get_data(as_text=True)
    _, data = _export(client, "csv")
    archive = zipfile.ZipFile(io.BytesIO(data))
    name = "responses-WI-2016-01-01-2016-12-31"
    lines = list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8"))))
    assert tuple(lines[0]) == MONTH_HEADER
    assert [(r["month"], r["channel"], r["locale"], r["topic"]) for r in lines] == [
        ("2016-08", "kiosk", "de", "2")] * 12  # fmt: skip
    assert sorted(r["overall"] for r in lines) == [r["overall"] for r in lines]
    assert {r["comment"] for r in lines} == {"", "Sehr gut"}
    book = archive.read(f"{name}.codebook.csv").decode("utf-8")
    assert "Weggelassene Antworten,15," in book  # the 15 rare responses of the fixture
    downloads = [d for a, _, d in _actions() if a in ("export.request", "export.download")]
    assert [d["detail"] for d in downloads] == ["month", "month"]


def test_provider_exports_days_with_a_purpose_as_csv_xlsx_and_sav(
    app, engine, make_user, network, tmp_path
):
    wi, _ = network
    client = _signed_in(app, make_user, "provider")
    with engine.connect() as conn:
        wi_rows = {k: v for k, v in stored(conn).items() if v[0] == "WI"}
    no_purpose = post_form(client, "/exports/site/WI", {"start": "2016-01-01",
                           "end": "2016-12-31", "fmt": "csv", "detail": "day"})  # fmt: skip
    assert no_purpose.status_code == 200
    assert "braucht einen Zweck" in no_purpose.get_data(as_text=True)

    response, data = _export(client, "csv", **DAYS)
    assert response.mimetype == "application/zip"
    assert "responses-WI-2016-01-01-2016-12-31.zip" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == ["responses-WI-2016-01-01-2016-12-31.codebook.csv",
                                          "responses-WI-2016-01-01-2016-12-31.csv"]  # fmt: skip
    text = archive.read("responses-WI-2016-01-01-2016-12-31.csv").decode("utf-8")
    lines = list(csv.reader(io.StringIO(text)))
    assert tuple(lines[0]) == EXPORT_HEADER
    assert {line[HEADER.index("site")] for line in lines[1:]} == {"WI"}  # own site only
    assert len(lines) - 1 == len(wi_rows) == 15
    assert ARABIC in text and "'=1+1" in text
    book = list(csv.reader(io.StringIO(archive.read(archive.namelist()[0]).decode("utf-8"))))
    assert tuple(book[0]) == COLUMNS

    # round trip: after a wipe, re-importing the download gives the same responses
    # and the same tallies of WI (aggregates equal)
    exported = tmp_path / "wi.csv"
    exported.write_text(text, encoding="utf-8")
    with engine.begin() as conn:
        tallies_before = site_tallies(conn, wi.id)
        wipe_responses(conn)
    result = import_csv(engine, exported)
    assert (result.imported, result.bad) == (15, 0)
    with engine.connect() as conn:
        assert stored(conn) == wi_rows
        assert site_tallies(conn, wi.id) == tallies_before
        assert_tallies_match_recount(conn)

    response, data = _export(client, "xlsx", **DAYS)
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(data), read_only=True)["responses"]
    rows = list(sheet.iter_rows(values_only=True))
    assert tuple(rows[0]) == EXPORT_HEADER and len(rows) == 16

    response, data = _export(client, "sav", start="2016-03-01", end="2016-04-30", **DAYS)
    path = tmp_path / "wi.sav"
    path.write_bytes(data)
    frame, meta = pyreadstat.read_sav(str(path))
    assert set(frame["site"]) == {"WI"}
    expected = sum(1 for v in wi_rows.values() if date(2016, 3, 1) <= v[1] <= date(2016, 4, 30))
    assert len(frame) == expected > 0
    assert meta.column_names_to_labels["overall"]

    downloads = [(a, t, d) for a, t, d in _actions() if a == "export.download"]
    assert [(t, d["format"], d["rows"]) for _, t, d in downloads] == [
        ("site:WI", "csv", 15), ("site:WI", "xlsx", 15), ("site:WI", "sav", expected)
    ]  # fmt: skip
    requests = [d["format"] for a, _, d in _actions() if a == "export.request"]
    assert requests == ["csv", "xlsx", "sav"]
    purposes = {(d["detail"], d["purpose"]) for a, _, d in _actions() if a.startswith("export.")}
    assert purposes == {("day", "Evaluation 2016")}
    # another user cannot fetch the job, nor the lead another site's export
    job_ids = [p.name.split(".")[0] for p in jobs_folder(app).glob("*.json")]
    other = _signed_in(app, make_user, "provider", [], "provider2")
    assert other.get(f"/exports/site/WI/download?id={job_ids[0]}").status_code == 400
    assert (
        client.get(f"/exports/site/GI/download?id={job_ids[0]}").status_code == 400
    )  # bound to its URL


def jobs_folder(app):
    with app.app_context():
        return jobs.folder()


def site_tallies(conn, site_id: int) -> dict[str, Counter]:
    return {
        model.__tablename__: Counter(
            tuple(r) for r in conn.execute(select(model.__table__).where(model.site_id == site_id))
        )
        for model in TALLIES
    }
