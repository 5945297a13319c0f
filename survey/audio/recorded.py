"""Importing recorded audio: ``DIR/<locale>/<clip>.opus`` files, checked, then stored.

A recording replaces the draft of the same clip (the draft file stays, unused).
Bad files and unknown names are listed and nothing is stored (all or nothing).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from survey.i18n import locales
from survey.questionnaires.definition import Definition

from . import clips, store

#: An Ogg page starts with "OggS"; an Opus stream's first packet with "OpusHead".
OGG_MAGIC = b"OggS"
OPUS_HEAD = b"OpusHead"
MAX_BYTES = 2 * 1024 * 1024


class ImportFailed(ValueError):
    pass


@dataclass
class Imported:
    stored: list[Path] = field(default_factory=list)


def is_ogg_opus(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(128)
    return head.startswith(OGG_MAGIC) and OPUS_HEAD in head


def import_dir(root: Path, definition: Definition, directory: Path) -> Imported:
    """Check every ``<locale>/<clip>.opus`` under ``directory``; store all or none."""
    if not directory.is_dir():
        raise ImportFailed(f"{directory} is not a folder")
    known = clips.names(definition)
    problems: list[str] = []
    found: list[tuple[str, str, Path]] = []
    for path in sorted(directory.rglob("*")):
        if path.is_dir():
            continue
        relative = path.relative_to(directory)
        if len(relative.parts) != 2:
            problems.append(f"{relative}: expected <locale>/<clip>.opus")
            continue
        code = locales.normalize(relative.parts[0])
        if code is None:
            problems.append(f"{relative}: unknown locale {relative.parts[0]!r}")
            continue
        if path.suffix != store.SUFFIX or path.stem not in known:
            problems.append(
                f"{relative}: unknown clip (expected e.g. intro.opus, overall.opus, "
                "overall-5.opus or overall-full.opus)"
            )
            continue
        size = path.stat().st_size
        if size == 0 or size > MAX_BYTES or not is_ogg_opus(path):
            problems.append(f"{relative}: not an Ogg Opus file of at most 2 MB")
            continue
        found.append((code, path.stem, path))
    if problems:
        raise ImportFailed("; ".join(problems))
    if not found:
        raise ImportFailed(f"no <locale>/<clip>.opus files in {directory}")
    result = Imported()
    for code, clip, path in found:
        target = store.file(root, definition.key, code, store.RECORDED, clip)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        result.stored.append(target)
    return result
