"""Background jobs: the child publishes atomically; old finished jobs are cleaned up."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from survey.reports import child, jobs

HOUR = 3600


def _job_files(base: Path, job_id: str, *, age_hours: float, exit_code: int | None, pid: int):
    names = [f"{job_id}.json", f"{job_id}.log", f"{job_id}.pid", f"{job_id}.pdf"]
    if exit_code is not None:
        names.append(f"{job_id}.exit")
    for name in names:
        (base / name).write_text(str(pid) if name.endswith(".pid") else str(exit_code or 0))
    work = base / f"{job_id}.work"
    work.mkdir()
    (work / "part.pdf").write_text("half")
    then = time.time() - age_hours * HOUR
    for path in [*base.glob(f"{job_id}.*"), work / "part.pdf"]:
        os.utime(path, (then, then))


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_clean_removes_old_finished_jobs_and_keeps_running_and_recent_ones(tmp_path):
    dead = _dead_pid()
    _job_files(tmp_path, "old-done-xxxxxxxxxxxxxxx", age_hours=30, exit_code=0, pid=dead)
    _job_files(tmp_path, "old-failed-xxxxxxxxxxxxx", age_hours=30, exit_code=1, pid=dead)
    _job_files(tmp_path, "old-killed-xxxxxxxxxxxxx", age_hours=30, exit_code=None, pid=dead)
    # running for 30 hours: this very process stands in for the live child
    _job_files(tmp_path, "old-running-xxxxxxxxxxxx", age_hours=30, exit_code=None, pid=os.getpid())
    _job_files(tmp_path, "young-done-xxxxxxxxxxxxx", age_hours=2, exit_code=0, pid=dead)
    removed = jobs.clean(tmp_path, 24)
    assert sorted(removed) == ["old-done-xxxxxxxxxxxxxxx", "old-failed-xxxxxxxxxxxxx",
                               "old-killed-xxxxxxxxxxxxx"]  # fmt: skip
    left = {path.name.split(".", 1)[0] for path in tmp_path.iterdir()}
    assert left == {"old-running-xxxxxxxxxxxx", "young-done-xxxxxxxxxxxxx"}
    assert len(list(tmp_path.glob("old-running-xxxxxxxxxxxx.*"))) == 5  # every file kept
    # a job touched recently (its log grew) is young however old its start
    os.utime(tmp_path / "young-done-xxxxxxxxxxxxx.log")
    assert jobs.clean(tmp_path, 1) == []
    assert jobs.clean(tmp_path, 0) == ["young-done-xxxxxxxxxxxxx"]


def test_report_clean_command_uses_the_setting_and_the_option(make_app):
    app = make_app(SURVEY_REPORT_KEEP_HOURS=48)
    runner = app.test_cli_runner()
    with app.app_context():
        base = jobs.folder()
    dead = _dead_pid()
    _job_files(base, "thirty-hours-xxxxxxxxxxx", age_hours=30, exit_code=0, pid=dead)
    result = runner.invoke(args=["report", "clean"])
    assert result.exit_code == 0, result.output
    assert "Removed 0 jobs older than 48 hours" in result.output
    assert (base / "thirty-hours-xxxxxxxxxxx.pdf").exists()
    result = runner.invoke(args=["report", "clean", "--hours", "12"])
    assert "Removed 1 jobs older than 12 hours" in result.output
    assert list(base.iterdir()) == []
    assert runner.invoke(args=["report", "clean", "--hours", "-1"]).exit_code == 2


def test_a_new_job_cleans_up_old_ones(make_app, monkeypatch):
    app = make_app(SURVEY_REPORT_KEEP_HOURS=24)
    with app.app_context():
        base = jobs.folder()
        _job_files(base, "old-done-xxxxxxxxxxxxxxx", age_hours=25, exit_code=0, pid=_dead_pid())
        started: list[list[str]] = []

        class FakeChild:
            pid = os.getpid()

            def __init__(self, args, **kwargs):
                started.append(args)

            def poll(self):
                return None

        monkeypatch.setattr(jobs.subprocess, "Popen", FakeChild)
        job = jobs.start(1, "export", "WI", "2016-01-01", "2016-12-31", fmt="sav", sites=("WI",))
        assert not list(base.glob("old-done-*"))
        assert jobs.status(job) == ("running", "")
        command = started[0][started[0].index("--") + 1 :]
        out = base / f"{job.id}.work" / "responses-WI-2016-01-01-2016-12-31.sav"
        assert command[-14:] == ["responses", "export", "--format", "sav", "--out", str(out),
                                 "--detail", "month", "--site", "WI", "--from", "2016-01-01",
                                 "--to", "2016-12-31"]  # fmt: skip
        assert jobs.clean(base, 0) == []  # running: kept however old


@pytest.mark.parametrize("fmt", ["csv", "sav"])
def test_the_child_publishes_only_a_complete_result(tmp_path, fmt):
    work = tmp_path / "j.work"
    work.mkdir()
    final = tmp_path / ("j.zip" if fmt == "csv" else "j.sav")
    script = (
        "import pathlib, sys; w = pathlib.Path(sys.argv[1]);"
        "(w / 'a.csv').write_text('x'); (w / 'a.codebook.csv').write_text('y')"
        if fmt == "csv"
        else "import pathlib, sys; (pathlib.Path(sys.argv[1]) / 'a.sav').write_text('s')"
    )
    exit_file = tmp_path / "j.exit"
    code = child.main([str(exit_file), str(work), str(final), "--",
                       sys.executable, "-c", script, str(work)])  # fmt: skip
    assert code == 0 and exit_file.read_text() == "0"
    assert not work.exists()
    if fmt == "csv":
        assert zipfile.ZipFile(final).namelist() == ["a.codebook.csv", "a.csv"]
    else:
        assert final.read_text() == "s"
    # a failing command publishes nothing and notes its exit code
    work.mkdir()
    failed = tmp_path / "k.sav"
    code = child.main([str(exit_file), str(work), str(failed), "--",
                       sys.executable, "-c", "import sys; sys.exit(3)"])  # fmt: skip
    assert code == 3 and exit_file.read_text() == "3" and not failed.exists()
