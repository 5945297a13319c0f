"""Where the audio files are, and what each clip has: recorded, draft or missing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from survey.questionnaires.definition import Definition

from . import clips

RECORDED = "recorded"
DRAFT = "draft"
MISSING = "missing"
State = Literal["recorded", "draft", "missing"]
SUFFIX = ".opus"


def folder(root: Path, key: str, locale: str, kind: str) -> Path:
    """``<root>/<questionnaire key>/<locale>/<recorded|draft>``"""
    return root / key / locale / kind


def file(root: Path, key: str, locale: str, kind: str, clip: str) -> Path:
    return folder(root, key, locale, kind) / f"{clip}{SUFFIX}"


def _present(root: Path, key: str, locale: str, kind: str) -> set[str]:
    directory = folder(root, key, locale, kind)
    if not directory.is_dir():
        return set()
    return {p.stem for p in directory.iterdir() if p.suffix == SUFFIX and p.stat().st_size}


def states(root: Path, definition: Definition, locale: str) -> dict[str, State]:
    """Each clip of ``definition`` in ``locale``: recorded, draft or missing."""
    recorded = _present(root, definition.key, locale, RECORDED)
    drafts = _present(root, definition.key, locale, DRAFT)
    found: dict[str, State] = {}
    for clip in clips.clips(definition):
        if clip.name in recorded:
            found[clip.name] = RECORDED
        elif clip.name in drafts:
            found[clip.name] = DRAFT
        else:
            found[clip.name] = MISSING
    return found


@dataclass(frozen=True)
class Summary:
    recorded: int
    draft: int
    missing: int


def summary(root: Path, definition: Definition, locale: str) -> Summary:
    counts = Counter(states(root, definition, locale).values())
    return Summary(counts[RECORDED], counts[DRAFT], counts[MISSING])


def playable(root: Path, definition: Definition, locale: str, *, drafts: bool) -> set[str]:
    """The clips that can be played: recorded ones, and drafts where allowed."""
    allowed = {RECORDED, DRAFT} if drafts else {RECORDED}
    return {name for name, state in states(root, definition, locale).items() if state in allowed}


def resolve(
    root: Path, definition: Definition, locale: str, clip: str, *, drafts: bool
) -> Path | None:
    """The file to play for ``clip``: the recording, else the draft (if allowed), else None."""
    if clip not in clips.names(definition):
        return None
    kinds = (RECORDED, DRAFT) if drafts else (RECORDED,)
    for kind in kinds:
        path = file(root, definition.key, locale, kind, clip)
        if path.is_file() and path.stat().st_size:
            return path
    return None
