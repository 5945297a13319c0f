"""Report and export pages and their downloads are never cached nor validated."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict

import pytest

from survey.reports import jobs
from tests.survey.staff import sign_in


@pytest.fixture
def lead(app, make_site, make_user):
    site = make_site("WI", "Wiesbaden")
    user = make_user("anna", "lead", [site])
    client = app.test_client()
    assert sign_in(client, user).status_code == 302
    return client, user


def _finished(owner: int, **fields) -> jobs.Job:
    """A job whose file is written (as the job runner leaves it when done)."""
    job = jobs.Job(secrets.token_urlsafe(16), owner, start="2016-01-01", end="2016-12-31", **fields)
    base = jobs.folder()
    (base / f"{job.id}.json").write_text(json.dumps(asdict(job)), encoding="utf-8")
    jobs.result_path(job).write_bytes(b"%PDF-1.4 with comments")
    (base / f"{job.id}.exit").write_text("0", encoding="ascii")
    return job


def _private(response) -> None:
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers
    assert "Last-Modified" not in response.headers


@pytest.mark.parametrize("path", ["/reports/site/WI", "/exports/site/WI"])
def test_report_and_export_pages_are_not_stored(lead, path):
    client, _ = lead
    response = client.get(path)
    assert response.status_code == 200
    _private(response)


def test_report_pdf_download_is_not_stored_and_has_no_etag(lead):
    client, user = lead
    job = _finished(user.id, kind="site", site="WI", comments=True)
    with client.get(f"/reports/site/WI/download?id={job.id}") as response:
        assert response.status_code == 200
        assert response.data.startswith(b"%PDF")
        _private(response)


def test_raw_export_download_is_not_stored_and_has_no_etag(lead):
    client, user = lead
    job = _finished(user.id, kind="export", site="WI", fmt="xlsx")
    with client.get(f"/exports/site/WI/download?id={job.id}") as response:
        assert response.status_code == 200
        _private(response)
