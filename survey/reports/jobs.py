"""Background jobs: a report render or a raw-data export, queued in Huey.

A render takes seconds (site report) to minutes (the publication for sixteen
sites at a million answers), and so does an export of many responses (the SPSS
file is built in memory, about 0.7 KB per response). A request is admitted by
:mod:`.queue` (one job per user, a bounded queue), queued in Huey and run by a
consumer (:mod:`.worker`): the CLI as a child process with a time limit. The
job's state lives in files under ``<instance>/reports/`` so that any web
worker can answer the status page and serve the download:

- ``<id>.json``: who asked, for what (kind, site, period, language or format);
- ``<id>.start``: written when a consumer starts the job;
- ``<id>.work/``: where the CLI writes (``--out``);
- ``<id>.pdf`` / ``.zip`` / ``.xlsx`` / ``.sav``: the result, published
  atomically when the CLI succeeded;
- ``<id>.log``: the CLI's progress and errors;
- ``<id>.exit``: the exit code, written last.

A job id is 128 random bits and every read also checks the owner, so a user
cannot fetch someone else's job.

Finished jobs are removed after ``SURVEY_REPORT_KEEP_HOURS`` (:func:`clean`, on
each new job, every quarter hour in the consumer and by ``flask report clean``);
a queued or running job never is. Everything is decided from the files, so the
cleanup holds across restarts.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flask import current_app

from . import queue
from .limits import Limits
from .queue import Refused

__all__ = ["Job", "Refused", "clean", "load", "position", "start", "status"]
from survey.security.files import private_dir, write_private

JOB_ID = re.compile(r"^[A-Za-z0-9_-]{20,40}$")
KINDS = ("site", "network", "export")
#: export format → the file a user downloads (a CSV comes zipped with its codebook)
EXPORT_FILES = {"csv": "zip", "xlsx": "xlsx", "sav": "sav"}
DEFAULT_KEEP_HOURS = 24


@dataclass(frozen=True)
class Job:
    id: str
    owner: int
    kind: str
    site: str | None
    start: str
    end: str
    lang: str = "de"
    comments: bool = False
    #: the publication's waves, ``FROM:TO`` (both or neither)
    a: str | None = None
    b: str | None = None
    #: an export's format (csv, xlsx, sav) and site codes (empty: every site)
    fmt: str = "pdf"
    sites: tuple[str, ...] = ()
    #: an export's detail ("month": the staff file; "day": with ``purpose``)
    detail: str = "month"
    purpose: str = ""

    @property
    def suffix(self) -> str:
        return EXPORT_FILES[self.fmt] if self.kind == "export" else "pdf"

    @property
    def label(self) -> str:
        if self.site:
            return self.site
        if self.kind == "export":
            return "-".join(self.sites) if self.sites else "all"
        return "network"

    def download_name(self) -> str:
        if self.kind == "export":
            return f"responses-{self.label}-{self.start}-{self.end}.{self.suffix}"
        return f"report-{self.label}-{self.start}-{self.end}-{self.lang}.pdf"


def folder() -> Path:
    return private_dir(Path(current_app.instance_path) / "reports")


def command(job: Job, out: Path) -> list[str]:
    """The CLI call that writes ``job``'s file as ``out``."""
    args = [sys.executable, "-m", "flask", "--app", "wsgi"]
    if job.kind == "export":
        args += ["responses", "export", "--format", job.fmt, "--out", str(out)]
        args += ["--detail", job.detail]
        if job.detail == "day":
            args += ["--purpose", job.purpose]
        for code in job.sites:
            args += ["--site", code]
        return [*args, "--from", job.start, "--to", job.end]
    args += ["report", job.kind]
    if job.site:
        args.append(job.site)
    args += ["--from", job.start, "--to", job.end, "--lang", job.lang, "--out", str(out)]
    if job.kind == "site" and not job.comments:
        args.append("--no-comments")
    if job.kind == "network" and job.a and job.b:
        args += ["--a", job.a, "--b", job.b]
    return args


def output_path(job: Job) -> Path:
    """Where the CLI writes (a CSV export's codebook goes beside it)."""
    return folder() / f"{job.id}.work" / f"{job.download_name().rsplit('.', 1)[0]}.{job.fmt}"


def start(
    owner: int, kind: str, site: str | None, start: str, end: str, lang: str = "de", **extra: Any
) -> Job:
    """Admit and queue a job; :class:`queue.Refused` if the user or the queue is busy."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job(secrets.token_urlsafe(16), owner, kind, site, start, end, lang, **extra)
    base = folder()
    limits = Limits.of(current_app)
    clean(base, keep_hours(), limits=limits)
    spec = base / f"{job.id}.json"
    write_private(spec, json.dumps(asdict(job)))
    try:
        queue.submit(current_app, job.id, job.owner, lambda held: state(base, held, limits))
    except Refused:
        spec.unlink(missing_ok=True)
        raise
    return job


def read(base: Path, job_id: str) -> Job | None:
    path = base / f"{job_id}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return Job(**{**data, "sites": tuple(data.get("sites", ()))})


def load(job_id: str, owner: int) -> Job | None:
    """The job, if ``job_id`` is well-formed, exists and belongs to ``owner``."""
    if not JOB_ID.match(job_id or ""):
        return None
    job = read(folder(), job_id)
    return job if job is not None and job.owner == owner else None


def result_path(job: Job) -> Path:
    return folder() / f"{job.id}.{job.suffix}"


#: the name the report views have always used
pdf_path = result_path


def log_lines(job: Job) -> list[str]:
    log = folder() / f"{job.id}.log"
    return log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []


def state(base: Path, job_id: str, limits: Limits, *, now: float | None = None) -> str:
    """``done``, ``failed``, ``running``, ``queued`` or ``gone``, from the job's files.

    A job started longer ago than the time limit (plus a grace) without an exit
    code lost its consumer; one queued longer than the queue could take lost its
    queue. Both count as failed, so that they hold no place and are cleaned up.
    """
    now = time.time() if now is None else now
    if not (base / f"{job_id}.json").is_file():
        return "gone"
    if _result(base, job_id):
        return "done"
    if (base / f"{job_id}.exit").exists():
        return "failed"
    started = base / f"{job_id}.start"
    try:
        if now - started.stat().st_mtime > limits.run_seconds:
            return "failed"
        return "running"
    except FileNotFoundError:
        pass
    try:
        queued = (base / f"{job_id}.json").stat().st_mtime
    except FileNotFoundError:
        return "gone"
    return "failed" if now - queued > limits.wait_seconds else "queued"


def _result(base: Path, job_id: str) -> bool:
    return any((base / f"{job_id}.{suffix}").is_file() for suffix in ("pdf", "zip", "xlsx", "sav"))


def status(job: Job) -> tuple[str, str]:
    """``(state, last progress line)``: ``done``, ``failed``, ``running`` or ``queued``."""
    limits = Limits.of(current_app)
    queue.ensure_consumer(current_app)
    found = state(folder(), job.id, limits)
    lines = log_lines(job)
    return ("failed" if found == "gone" else found), (lines[-1] if lines else "")


def position(job: Job) -> int | None:
    """The job's place in the queue (1: next to start), None when not waiting."""
    return queue.position(current_app, job.id)


def keep_hours() -> float:
    return float(current_app.config.get("SURVEY_REPORT_KEEP_HOURS", DEFAULT_KEEP_HOURS))


def clean(
    base: Path, hours: float, *, now: float | None = None, limits: Limits | None = None
) -> list[str]:
    """Remove the files of jobs last touched more than ``hours`` ago; return their ids.

    A job's files share the name before the first dot. A queued or running job
    is never removed, however old; neither is anything touched within ``hours``.
    """
    limits = limits or Limits.of(current_app)
    now = time.time() if now is None else now
    cutoff = now - hours * 3600
    groups: dict[str, list[Path]] = {}
    for path in base.iterdir():
        groups.setdefault(path.name.split(".", 1)[0], []).append(path)
    removed = []
    for job_id, paths in sorted(groups.items()):
        try:
            newest = max(path.lstat().st_mtime for path in paths)
        except FileNotFoundError:  # another worker is cleaning too
            continue
        if newest >= cutoff or state(base, job_id, limits, now=now) in ("queued", "running"):
            continue
        for path in paths:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        removed.append(job_id)
    return removed
