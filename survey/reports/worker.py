"""What a consumer does with one job: run the CLI with a time limit, publish, note the exit.

The CLI (``flask report …`` or ``flask responses export …``) runs as a child
process (an argument list, no shell) in its own session, so that its memory is
returned when it ends and the time limit can kill it with everything it
started. On success its output is published atomically: the one file is
renamed, or, for a CSV export, the file and its codebook are zipped. The exit
code is written last; then the job's places in the queue are freed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path
from typing import IO

from flask import current_app

from survey import ROOT
from survey.security.files import CHILD_UMASK, append_private, private_dir, write_private

from . import jobs, queue
from .limits import Limits

#: the exit code noted for a job killed at its time limit (as timeout(1))
TIMED_OUT = 124


def publish(work: Path, final: Path) -> None:
    files = sorted(path for path in work.iterdir() if path.is_file())
    if not files:
        raise OSError(f"{work.name} holds no output")
    if final.suffix == ".zip":
        part = final.with_name(f"{final.name}.part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, path.name)
        part.replace(final)
    else:
        if len(files) != 1:
            raise OSError(f"{work.name} holds {len(files)} files, expected one")
        files[0].replace(final)
    shutil.rmtree(work, ignore_errors=True)


def run_command(args: list[str], log: IO[bytes], env: dict[str, str], limit: float) -> int:
    """Run ``args`` with output to ``log``; kill it (and its children) after ``limit`` s."""
    child = subprocess.Popen(  # noqa: S603 (argument list, no shell; arguments validated by the view)
        args,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        umask=CHILD_UMASK,  # the job's files (comments, raw answers): 0600
    )
    try:
        return child.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        log.write(f"Error: stopped at the time limit of {limit:g} s\n".encode())
        return TIMED_OUT


def _environment() -> dict[str, str]:
    return {
        **os.environ,
        "SURVEY_DATABASE_URL": current_app.config["SQLALCHEMY_DATABASE_URI"],
        "SURVEY_INSTANCE_PATH": current_app.instance_path,
        "SURVEY_SECRET_KEY": current_app.config["SECRET_KEY"],
    }


def run(job_id: str) -> int | None:
    """Run the job ``job_id`` (in a consumer's app context); None if it is gone."""
    base = jobs.folder()
    job = jobs.read(base, job_id)
    if job is None:
        queue.release(current_app, job_id)
        return None
    limits = Limits.of(current_app)
    write_private(base / f"{job_id}.start", "", encoding="ascii")
    out = jobs.output_path(job)
    code = 1
    try:
        private_dir(out.parent)
        with append_private(base / f"{job_id}.log") as log:
            code = run_command(jobs.command(job, out), log, _environment(), limits.time_limit)
            if code == 0:
                try:
                    publish(out.parent, jobs.result_path(job))
                except OSError as exc:
                    log.write(f"Error: {exc}\n".encode())
                    code = 1
    finally:
        write_private(base / f"{job_id}.exit", str(code), encoding="ascii")
        queue.release(current_app, job_id)
    return code
