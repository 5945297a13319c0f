"""Under the usual umask 022 the app's private files are still 0600 in 0700 folders."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from survey.database import db
from survey.reports import jobs


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_sqlite_file_and_instance_folder_are_private(make_app, tmp_path, umask_022):
    instance = tmp_path / "fresh" / "instance"
    database = instance / "survey.sqlite3"
    app = make_app(INSTANCE_PATH=str(instance), SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}")
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE probe (x INTEGER)"))
        conn.execute(text("INSERT INTO probe VALUES (1)"))
        written = sorted(p.name for p in instance.iterdir())
        # the WAL and shared-memory files exist while the connection is open
        modes = {p.name: mode(p) for p in instance.iterdir() if p.name.startswith("survey")}
    assert mode(instance) == 0o700
    assert "survey.sqlite3" in written
    assert modes and set(modes.values()) == {0o600}, modes


def test_report_job_files_are_private(app, umask_022, monkeypatch):
    def command(job, out):
        return [sys.executable, "-c", "import sys; open(sys.argv[1], 'w').write('x')", str(out)]

    monkeypatch.setattr(jobs, "command", command)
    job = jobs.start(1, "site", "WI", "2016-01-01", "2016-12-31", comments=True)
    assert jobs.status(job)[0] == "done"
    base = jobs.folder()
    assert mode(base) == 0o700
    files = {p.name: mode(p) for p in base.iterdir()}
    assert f"{job.id}.pdf" in files
    assert set(files.values()) == {0o600}, files
