"""The questionnaire's wording for the methodology appendix, read from its TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFINITION = Path(__file__).resolve().parents[2] / "survey/questionnaires/definitions/core-1.toml"


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    answers: list[str]


def questions(path: Path = DEFINITION) -> tuple[str, list[Question]]:
    """``(code@version, questions)`` in the order they are asked (German master wording)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    scales = data.get("scales", {})
    out = []
    for item in data["items"]:
        answers = list(item.get("options") or scales.get(item.get("scale", ""), []))
        out.append(Question(item["code"], item["text"], answers))
    return f"{data['code']}@{data['version']}", out
