"""Report renders in the background: one ``flask report …`` subprocess per request.

A render takes seconds (site report) to minutes (the publication for sixteen
sites at a million answers). The web worker starts the CLI as a child process
(an argument list, no shell) and returns at once; the job's state lives in
files under ``<instance>/reports/`` so that any worker process can answer the
status page and serve the download:

- ``<id>.json``: who asked, for what (kind, site, period, language);
- ``<id>.pdf``: written by the child when it is done (atomically: it writes
  ``<id>.part`` and renames it);
- ``<id>.log``: the child's progress and errors.

A job id is 128 random bits and every read also checks the owner, so a user
cannot fetch someone else's job.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flask import current_app

from survey import ROOT

JOB_ID = re.compile(r"^[A-Za-z0-9_-]{20,40}$")
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
    lang: str
    comments: bool = False


def folder() -> Path:
    path = Path(current_app.instance_path) / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def command(job: Job, out: Path) -> list[str]:
    """The CLI call that renders ``job`` into ``out``."""
    args = [sys.executable, "-m", "flask", "--app", "wsgi", "report", job.kind]
    if job.site:
        args.append(job.site)
    args += ["--from", job.start, "--to", job.end, "--lang", job.lang, "--out", str(out)]
    if job.kind == "site" and not job.comments:
        args.append("--no-comments")
    return args


def start(
    owner: int, kind: str, site: str | None, start: str, end: str, lang: str, **extra: Any
) -> Job:
    job = Job(secrets.token_urlsafe(16), owner, kind, site, start, end, lang, **extra)
    base = folder()
    (base / f"{job.id}.json").write_text(json.dumps(asdict(job)), encoding="utf-8")
    env = {
        **os.environ,
        "SURVEY_DATABASE_URL": current_app.config["SQLALCHEMY_DATABASE_URI"],
        "SURVEY_INSTANCE_PATH": current_app.instance_path,
        "SURVEY_SECRET_KEY": current_app.config["SECRET_KEY"],
    }
    part = base / f"{job.id}.part"
    script = (
        "import os, subprocess, sys;"
        "r = subprocess.call(sys.argv[3:]);"
        "r == 0 and os.replace(sys.argv[1], sys.argv[2]);"
        "sys.exit(r)"
    )
    _reap()
    with (base / f"{job.id}.log").open("wb") as log:
        child = subprocess.Popen(  # noqa: S603 (argument list, no shell; arguments validated by the view)
            [
                sys.executable,
                "-c",
                script,
                str(part),
                str(base / f"{job.id}.pdf"),
                *command(job, part),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _children.append(child)
    return job


def load(job_id: str, owner: int) -> Job | None:
    """The job, if ``job_id`` is well-formed, exists and belongs to ``owner``."""
    if not JOB_ID.match(job_id or ""):
        return None
    path = folder() / f"{job_id}.json"
    if not path.is_file():
        return None
    job = Job(**json.loads(path.read_text(encoding="utf-8")))
    return job if job.owner == owner else None


def pdf_path(job: Job) -> Path:
    return folder() / f"{job.id}.pdf"


def status(job: Job) -> tuple[str, str]:
    """``(state, last progress line)`` with state ``done``, ``failed`` or ``running``."""
    _reap()
    if pdf_path(job).is_file():
        return "done", ""
    log = folder() / f"{job.id}.log"
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    last = lines[-1] if lines else ""
    if any(line.startswith(("Error", "Traceback")) for line in lines):
        return "failed", last
    return "running", last
