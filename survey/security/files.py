"""Files only the app's own user may read: the SQLite database, report and export jobs.

They hold password hashes, TOTP secrets and comments, so they are created
0600 in folders created 0700, whatever the process umask (usually 022).
Existing folders and files keep the mode they have.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

FILE_MODE = 0o600
DIR_MODE = 0o700
#: the umask of background jobs: everything they write is private
CHILD_UMASK = 0o077


def private_dir(path: Path) -> Path:
    """``path`` (and missing parents) created with mode 0700 if missing."""
    if not path.is_dir():
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        path.chmod(DIR_MODE)  # mkdir's mode is reduced by the umask
    return path


def create_private(path: Path) -> bool:
    """Create ``path`` empty with mode 0600 unless it exists; whether it was created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def open_private(path: Path, mode: str = "w", **kwargs: Any) -> IO[Any]:
    """``open(path, mode)`` for writing, a new file created 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC
    return os.fdopen(os.open(path, flags, FILE_MODE), mode, **kwargs)


def append_private(path: Path) -> IO[bytes]:
    """``open(path, "ab")``, a new file created 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC
    return os.fdopen(os.open(path, flags, FILE_MODE), "ab")


def write_private(path: Path, text: str, encoding: str = "utf-8") -> None:
    with open_private(path, "w", encoding=encoding) as out:
        out.write(text)
