"""Questionnaire definitions as plain data, and validation of answers against them.

A definition is read from a TOML file (see ``definitions/``). The same
:meth:`Definition.validate` serves the online form, the kiosk API and the CSV
import, so that every channel accepts exactly the same answers.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from survey.responses.models import NOT_APPLICABLE

BUILTIN_DIR = Path(__file__).parent / "definitions"
#: answers stay below 100: the tallies keep values from 100 for first-visit counts
#: (survey/responses/tallies.py, FIRST_VISIT)
MAX_OPTIONS = 99
NA_TOKEN = "na"  # noqa: S105 - the CSV token for "not applicable"
KINDS = ("scale", "choice", "multi", "text")


class DefinitionError(ValueError):
    """A definition file is malformed."""


@dataclass(frozen=True)
class ItemDef:
    code: str
    kind: str
    text: str
    area: str
    options: tuple[str, ...] = ()
    allow_na: bool = False
    scale: str | None = None
    max_length: int | None = None

    @property
    def max_value(self) -> int | None:
        return len(self.options) if self.kind != "text" else None

    @property
    def values(self) -> range:
        return range(1, len(self.options) + 1)


@dataclass(frozen=True)
class Definition:
    code: str
    version: int
    title: str
    items: tuple[ItemDef, ...]
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.code}@{self.version}"

    @property
    def checksum(self) -> str:
        canonical = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def item(self, code: str) -> ItemDef:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    @property
    def scale_items(self) -> tuple[ItemDef, ...]:
        return tuple(i for i in self.items if i.kind == "scale")

    def validate(self, raw: Mapping[str, Any]) -> Validated:
        """Check raw answers keyed by item code.

        Values may be ints, digit strings or ``"na"``; a multiple-choice item
        takes a list or a ``;``-joined string. Empty values mean "no answer".
        Unknown keys are errors: a field the questionnaire does not have is a
        sign of a wrong version or a forged request.
        """
        answers: dict[str, tuple[int, ...]] = {}
        errors: dict[str, str] = {}
        comment: str | None = None
        known = {item.code: item for item in self.items}
        for code, value in raw.items():
            item = known.get(code)
            if item is None:
                errors[code] = "unknown_item"
                continue
            if item.kind == "text":
                comment, error = _text(value, item.max_length or 2000)
            else:
                parsed, error = _values(item, value)
                if parsed:
                    answers[code] = parsed
            if error:
                errors[code] = error
        return Validated(answers=answers, comment=comment, errors=errors)


@dataclass(frozen=True)
class Validated:
    #: item code → stored values (one, or several for multiple choice)
    answers: dict[str, tuple[int, ...]]
    comment: str | None
    #: item code → error code (``unknown_item``, ``not_a_number``,
    #: ``out_of_range``, ``one_value_only``, ``na_not_allowed``, ``too_long``,
    #: ``not_text``)
    errors: dict[str, str]

    @property
    def ok(self) -> bool:
        return not self.errors


def _tokens(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [t.strip() for t in value.split(";") if t.strip()]
    if isinstance(value, bool):  # bool is an int subclass: refuse it explicitly
        return ["\0"]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, Sequence):
        return [t for v in value for t in _tokens(v)]
    return ["\0"]


def _values(item: ItemDef, value: Any) -> tuple[tuple[int, ...], str | None]:
    tokens = _tokens(value)
    if not tokens:
        return (), None
    out: list[int] = []
    for token in tokens:
        if token.lower() == NA_TOKEN:
            if not item.allow_na:
                return (), "na_not_allowed"
            out.append(NOT_APPLICABLE)
            continue
        if not (token.isascii() and token.isdigit()):
            return (), "not_a_number"
        number = int(token)
        if number not in item.values:
            return (), "out_of_range"
        out.append(number)
    unique = tuple(sorted(set(out)))
    if item.kind != "multi" and len(unique) > 1:
        return (), "one_value_only"
    if NOT_APPLICABLE in unique and len(unique) > 1:
        return (), "one_value_only"
    return unique, None


def _text(value: Any, max_length: int) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, "not_text"
    text = value.strip()
    if len(text) > max_length:
        return None, "too_long"
    return (text or None), None


def parse(data: Mapping[str, Any]) -> Definition:
    """Build a :class:`Definition` from parsed TOML, checking its structure."""
    try:
        scales: Mapping[str, list[str]] = data.get("scales", {})
        items = []
        for raw in data["items"]:
            kind = raw["kind"]
            if kind not in KINDS:
                raise DefinitionError(f"item {raw['code']!r}: unknown kind {kind!r}")
            options = (
                tuple(scales[raw["scale"]]) if kind == "scale" else tuple(raw.get("options", ()))
            )
            if kind != "text" and not options:
                raise DefinitionError(f"item {raw['code']!r} has no options")
            if len(options) > MAX_OPTIONS:
                raise DefinitionError(
                    f"item {raw['code']!r} has {len(options)} options; at most "
                    f"{MAX_OPTIONS} (larger values are reserved in the tallies)"
                )
            items.append(
                ItemDef(
                    code=raw["code"],
                    kind=kind,
                    text=raw["text"],
                    area=raw.get("area", ""),
                    options=options,
                    allow_na=bool(raw.get("allow_na", False)),
                    scale=raw.get("scale"),
                    max_length=raw.get("max_length"),
                )
            )
        codes = [i.code for i in items]
        if len(set(codes)) != len(codes):
            raise DefinitionError("item codes are not unique")
        version = int(data["version"])
        if version < 1:
            raise DefinitionError("version must be 1 or more")
        return Definition(
            code=data["code"], version=version, title=data["title"], items=tuple(items), raw=data
        )
    except KeyError as exc:
        raise DefinitionError(f"missing key {exc}") from None


def load_file(path: Path) -> Definition:
    with path.open("rb") as fh:
        return parse(tomllib.load(fh))


def builtin() -> list[Definition]:
    """The definitions shipped with the code, ordered by code and version."""
    found = [load_file(p) for p in sorted(BUILTIN_DIR.glob("*.toml"))]
    return sorted(found, key=lambda d: (d.code, d.version))
