"""Background jobs: one CLI subprocess per report render or raw-data export.

A render takes seconds (site report) to minutes (the publication for sixteen
sites at a million answers), and so does an export of many responses (the SPSS
file is built in memory, about 0.7 KB per response). The web worker starts the
CLI as a child process (an argument list, no shell) through :mod:`.child` and
returns at once; the job's state lives in files under ``<instance>/reports/``
so that any worker process can answer the status page and serve the download:

- ``<id>.json``: who asked, for what (kind, site, period, language or format);
- ``<id>.pid``: the child's process id;
- ``<id>.work/``: where the CLI writes (``--out``);
- ``<id>.pdf`` / ``.zip`` / ``.xlsx`` / ``.sav``: the result, published
  atomically by the child when the CLI succeeded;
- ``<id>.log``: the CLI's progress and errors;
- ``<id>.exit``: the exit code, written last.

A job id is 128 random bits and every read also checks the owner, so a user
cannot fetch someone else's job.

Finished jobs are removed after ``SURVEY_REPORT_KEEP_HOURS`` (:func:`clean`, on
each new job and by ``flask report clean``); a running job never is.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flask import current_app

from survey import ROOT
from survey.security.files import CHILD_UMASK, DIR_MODE, open_private, private_dir, write_private

JOB_ID = re.compile(r"^[A-Za-z0-9_-]{20,40}$")
KINDS = ("site", "network", "export")
#: export format → the file a user downloads (a CSV comes zipped with its codebook)
EXPORT_FILES = {"csv": "zip", "xlsx": "xlsx", "sav": "sav"}
DEFAULT_KEEP_HOURS = 24
#: children started by this process, kept so that they are reaped (no zombies)
_children: list[subprocess.Popen] = []


def _reap() -> None:
    _children[:] = [child for child in _children if child.poll() is None]


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


def start(
    owner: int, kind: str, site: str | None, start: str, end: str, lang: str = "de", **extra: Any
) -> Job:
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job(secrets.token_urlsafe(16), owner, kind, site, start, end, lang, **extra)
    base = folder()
    clean(base, keep_hours())
    write_private(base / f"{job.id}.json", json.dumps(asdict(job)))
    work = base / f"{job.id}.work"
    work.mkdir(mode=DIR_MODE)
    # the file name inside a CSV export's zip, and the codebook's beside it
    out = work / f"{job.download_name().rsplit('.', 1)[0]}.{job.fmt}"
    env = {
        **os.environ,
        "SURVEY_DATABASE_URL": current_app.config["SQLALCHEMY_DATABASE_URI"],
        "SURVEY_INSTANCE_PATH": current_app.instance_path,
        "SURVEY_SECRET_KEY": current_app.config["SECRET_KEY"],
    }
    _reap()
    with open_private(base / f"{job.id}.log", "wb") as log:
        child = subprocess.Popen(  # noqa: S603 (argument list, no shell; arguments validated by the view)
            [
                sys.executable,
                str(Path(__file__).with_name("child.py")),
                str(base / f"{job.id}.exit"),
                str(work),
                str(result_path(job)),
                "--",
                *command(job, out),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            umask=CHILD_UMASK,  # the job's files (comments, raw answers): 0600
        )
    write_private(base / f"{job.id}.pid", str(child.pid), encoding="ascii")
    _children.append(child)
    return job


def load(job_id: str, owner: int) -> Job | None:
    """The job, if ``job_id`` is well-formed, exists and belongs to ``owner``."""
    if not JOB_ID.match(job_id or ""):
        return None
    path = folder() / f"{job_id}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    job = Job(**{**data, "sites": tuple(data.get("sites", ()))})
    return job if job.owner == owner else None


def result_path(job: Job) -> Path:
    return folder() / f"{job.id}.{job.suffix}"


#: the name the report views have always used
pdf_path = result_path


def log_lines(job: Job) -> list[str]:
    log = folder() / f"{job.id}.log"
    return log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []


def status(job: Job) -> tuple[str, str]:
    """``(state, last progress line)`` with state ``done``, ``failed`` or ``running``."""
    _reap()
    if result_path(job).is_file():
        return "done", ""
    lines = log_lines(job)
    last = lines[-1] if lines else ""
    if not running(folder(), job.id) or any(
        line.startswith(("Error", "Traceback")) for line in lines
    ):
        return "failed", last
    return "running", last


def keep_hours() -> float:
    return float(current_app.config.get("SURVEY_REPORT_KEEP_HOURS", DEFAULT_KEEP_HOURS))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running(base: Path, job_id: str) -> bool:
    """Whether the job's child is still at work: no exit code yet and its process alive."""
    if (base / f"{job_id}.exit").exists():
        return False
    try:
        pid = int((base / f"{job_id}.pid").read_text(encoding="ascii"))
    except (FileNotFoundError, ValueError):
        # broken, or started a moment ago (the pid is written just after the
        # start): its age decides, and a new job is young
        return False
    return _alive(pid)


def clean(base: Path, hours: float, *, now: float | None = None) -> list[str]:
    """Remove the files of jobs last touched more than ``hours`` ago; return their ids.

    A job's files share the name before the first dot. A running job is never
    removed, however old; neither is anything touched within ``hours``.
    """
    _reap()
    cutoff = (time.time() if now is None else now) - hours * 3600
    groups: dict[str, list[Path]] = {}
    for path in base.iterdir():
        groups.setdefault(path.name.split(".", 1)[0], []).append(path)
    removed = []
    for job_id, paths in sorted(groups.items()):
        try:
            newest = max(path.lstat().st_mtime for path in paths)
        except FileNotFoundError:  # another worker is cleaning too
            continue
        if newest >= cutoff or running(base, job_id):
            continue
        for path in paths:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        removed.append(job_id)
    return removed
