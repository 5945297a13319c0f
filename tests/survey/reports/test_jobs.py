"""Background jobs: the worker publishes atomically and keeps the time limit; old
finished jobs are cleaned up, from the files alone (so across restarts)."""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
import zipfile
from pathlib import Path

import pytest

from survey.reports import jobs, queue, worker
from survey.reports.limits import Limits

HOUR = 3600
LIMITS = Limits(workers=2, waiting=2, time_limit=40 * HOUR)


def _job_files(base: Path, job_id: str, *, age_hours: float, files: tuple[str, ...]):
    spec = jobs.Job(job_id, 1, "site", "WI", "2016-01-01", "2016-12-31")
    (base / f"{job_id}.json").write_text(json.dumps(spec.__dict__))
    for suffix in files:
        (base / f"{job_id}.{suffix}").write_text("0")
    work = base / f"{job_id}.work"
    work.mkdir()
    (work / "part.pdf").write_text("half")
    then = time.time() - age_hours * HOUR
    for path in [*base.glob(f"{job_id}.*"), work / "part.pdf"]:
        os.utime(path, (then, then))


def test_clean_removes_old_finished_jobs_and_keeps_queued_running_and_recent_ones(tmp_path):
    _job_files(tmp_path, "old-done-xxxxxxxxxxxxxxx", age_hours=30, files=("start", "exit", "pdf"))
    _job_files(tmp_path, "old-failed-xxxxxxxxxxxxx", age_hours=30, files=("start", "exit", "log"))
    # started 50 hours ago, no exit code: beyond the time limit its consumer is gone
    _job_files(tmp_path, "old-killed-xxxxxxxxxxxxx", age_hours=50, files=("start", "log"))
    # running for 30 hours (under the 40-hour limit), and waiting for 30 hours
    _job_files(tmp_path, "old-running-xxxxxxxxxxxx", age_hours=30, files=("start", "log"))
    _job_files(tmp_path, "old-queued-xxxxxxxxxxxxx", age_hours=30, files=())
    _job_files(tmp_path, "young-done-xxxxxxxxxxxxx", age_hours=2, files=("exit", "pdf"))
    removed = jobs.clean(tmp_path, 24, limits=LIMITS)
    assert removed == ["old-done-xxxxxxxxxxxxxxx", "old-failed-xxxxxxxxxxxxx",
                       "old-killed-xxxxxxxxxxxxx"]  # fmt: skip
    left = {path.name.split(".", 1)[0] for path in tmp_path.iterdir()}
    assert left == {"old-running-xxxxxxxxxxxx", "old-queued-xxxxxxxxxxxxx",
                    "young-done-xxxxxxxxxxxxx"}  # fmt: skip
    assert len(list(tmp_path.glob("old-running-xxxxxxxxxxxx.*"))) == 4  # every file kept
    assert jobs.state(tmp_path, "old-queued-xxxxxxxxxxxxx", LIMITS) == "queued"
    # a job touched recently (its log grew) is young however old its start
    os.utime(tmp_path / "young-done-xxxxxxxxxxxxx.pdf")
    assert jobs.clean(tmp_path, 1, limits=LIMITS) == []
    assert jobs.clean(tmp_path, 0, limits=LIMITS) == ["young-done-xxxxxxxxxxxxx"]
    # with a short time limit, the 30-hour jobs lost their consumer and queue
    short = Limits(workers=2, waiting=2, time_limit=HOUR)
    assert jobs.clean(tmp_path, 24, limits=short) == ["old-queued-xxxxxxxxxxxxx",
                                                      "old-running-xxxxxxxxxxxx"]  # fmt: skip


def test_report_clean_command_after_a_restart_uses_the_setting_and_the_option(make_app):
    first = make_app(SURVEY_REPORT_KEEP_HOURS=48)
    with first.app_context():
        base = jobs.folder()
    _job_files(base, "thirty-hours-xxxxxxxxxxx", age_hours=30, files=("start", "exit", "pdf"))
    # a new process on the same instance folder (a restart) knows the old jobs from their files
    runner = make_app(SURVEY_REPORT_KEEP_HOURS=48).test_cli_runner()
    result = runner.invoke(args=["report", "clean"])
    assert result.exit_code == 0, result.output
    assert "Removed 0 jobs older than 48 hours" in result.output
    assert (base / "thirty-hours-xxxxxxxxxxx.pdf").exists()
    result = runner.invoke(args=["report", "clean", "--hours", "12"])
    assert "Removed 1 jobs older than 12 hours" in result.output
    assert list(base.iterdir()) == []
    assert runner.invoke(args=["report", "clean", "--hours", "-1"]).exit_code == 2


def test_a_new_job_cleans_up_old_ones_and_runs_the_export_command(make_app, monkeypatch):
    app = make_app(SURVEY_REPORT_KEEP_HOURS=24)
    started: list[list[str]] = []

    def record(args, log, env, limit):
        started.append(args)
        Path(args[args.index("--out") + 1]).write_text("sav")
        return 0

    monkeypatch.setattr(worker, "run_command", record)
    with app.app_context():
        base = jobs.folder()
        _job_files(base, "old-done-xxxxxxxxxxxxxxx", age_hours=25, files=("exit", "pdf"))
        job = jobs.start(1, "export", "WI", "2016-01-01", "2016-12-31", fmt="sav", sites=("WI",))
        assert not list(base.glob("old-done-*"))
        assert jobs.status(job) == ("done", "")  # immediate mode: run in the request
        out = base / f"{job.id}.work" / "responses-WI-2016-01-01-2016-12-31.sav"
        assert started[0][-14:] == ["responses", "export", "--format", "sav", "--out", str(out),
                                    "--detail", "month", "--site", "WI", "--from", "2016-01-01",
                                    "--to", "2016-12-31"]  # fmt: skip
        assert jobs.result_path(job).read_text() == "sav" and not out.parent.exists()
        assert (base / f"{job.id}.exit").read_text() == "0"


@pytest.mark.parametrize("fmt", ["csv", "sav"])
def test_the_worker_publishes_only_a_complete_result(tmp_path, fmt):
    work = tmp_path / "j.work"
    work.mkdir()
    final = tmp_path / ("j.zip" if fmt == "csv" else "j.sav")
    (work / f"a.{fmt}").write_text("x")
    if fmt == "csv":
        (work / "a.codebook.csv").write_text("y")
    worker.publish(work, final)
    assert not work.exists()
    if fmt == "csv":
        assert zipfile.ZipFile(final).namelist() == ["a.codebook.csv", "a.csv"]
    else:
        assert final.read_text() == "x"
    work.mkdir()
    with pytest.raises(OSError, match="no output"):
        worker.publish(work, tmp_path / "k.sav")
    assert not (tmp_path / "k.sav").exists()


def test_a_failing_command_publishes_nothing_and_frees_the_user(make_app, monkeypatch):
    app = make_app()
    monkeypatch.setattr(worker, "run_command", lambda args, log, env, limit: 3)
    with app.app_context():
        job = jobs.start(7, "site", "WI", "2016-01-01", "2016-12-31")
        assert jobs.status(job)[0] == "failed"
        assert (jobs.folder() / f"{job.id}.exit").read_text() == "3"
        assert not jobs.result_path(job).exists()
        assert jobs.start(7, "site", "WI", "2016-01-01", "2016-12-31")  # the user may retry


def test_the_time_limit_kills_the_command_and_what_it_started(tmp_path):
    """A child that would never end, with a grandchild holding a lock: after the limit
    the lock is free (the grandchild died with the session), no waiting on the clock."""
    lock, ready = tmp_path / "lock", tmp_path / "ready"
    grandchild = (
        "import fcntl, pathlib, signal, sys; f = open(sys.argv[1], 'w');"
        "fcntl.flock(f, fcntl.LOCK_EX); pathlib.Path(sys.argv[2]).write_text('1'); signal.pause()"
    )
    child = (
        "import subprocess, sys, signal;"
        f"subprocess.Popen([sys.executable, '-I', '-S', '-c', {grandchild!r}, sys.argv[1],"
        " sys.argv[2]]); signal.pause()"
    )
    args = [sys.executable, "-I", "-S", "-c", child, str(lock), str(ready)]
    with (tmp_path / "log").open("wb") as log:
        code = worker.run_command(args, log, dict(os.environ), 5)
    assert code == worker.TIMED_OUT
    assert "time limit of 5 s" in (tmp_path / "log").read_text()
    assert ready.exists()  # the grandchild held the lock
    with lock.open("w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)  # blocks until the grandchild is gone


def test_a_job_killed_at_its_limit_fails_with_a_clear_line(make_app, monkeypatch):
    app = make_app(SURVEY_JOBS_TIME_LIMIT=1)
    never = [sys.executable, "-c", "import signal; signal.pause()"]
    monkeypatch.setattr(jobs, "command", lambda job, out: never)
    with app.app_context():
        job = jobs.start(1, "network", None, "2016-01-01", "2016-12-31")
        state, last = jobs.status(job)
        assert (state, last) == ("failed", "Error: stopped at the time limit of 1 s")
        assert queue.of(app).huey.get("user:1", peek=True) is None
