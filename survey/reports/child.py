"""The parent of one background job: run the CLI, publish its output, note the exit code.

Started by :func:`survey.reports.jobs.start` as a script (standard library only,
so it starts fast and imports nothing of the app)::

    python child.py EXIT WORK FINAL -- COMMAND ...

``COMMAND`` (``flask report …`` or ``flask responses export …``) writes into the
folder ``WORK``. On success its output is published as ``FINAL`` atomically: the
one file is renamed, or, when ``FINAL`` ends in ``.zip``, every file of ``WORK``
(a CSV export and its codebook) is zipped. The exit code is written to ``EXIT``
last, so a job without that file is still running (or was killed).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path


def publish(work: Path, final: Path) -> None:
    files = sorted(path for path in work.iterdir() if path.is_file())
    if not files:
        raise OSError(f"{work} holds no output")
    if final.suffix == ".zip":
        part = final.with_name(f"{final.name}.part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, path.name)
        part.replace(final)
    else:
        if len(files) != 1:
            raise OSError(f"{work} holds {len(files)} files, expected one")
        files[0].replace(final)
    shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> int:
    exit_file, work, final, separator, *command = argv
    if separator != "--" or not command:
        print("Error: usage: child.py EXIT WORK FINAL -- COMMAND ...", flush=True)
        return 2
    code = subprocess.call(command)  # noqa: S603 (an argument list built by jobs.command)
    if code == 0:
        try:
            publish(Path(work), Path(final))
        except OSError as exc:
            print(f"Error: {exc}", flush=True)
            code = 1
    Path(exit_file).write_text(str(code), encoding="ascii")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
