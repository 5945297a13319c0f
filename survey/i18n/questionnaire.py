"""Questionnaire wording in the gettext catalogs.

The German master wording lives in the TOML definitions; translations live in
the same catalogs as the UI strings, told apart by their context:

- ``core@1:<item>`` for an item's question text;
- ``core@1:<item>:<value>`` for an answer option of a choice or multi item;
- ``core@1:<scale>:<value>`` for a scale step (``satisfaction``, ``agreement``),
  shared by every item using that scale.

A new questionnaire version gets new contexts, so its wording is translated
afresh while the old version keeps its texts.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import IO, Any

from survey.questionnaires.definition import Definition, ItemDef, parse

from .text import pgettext


def item_context(definition: Definition, item: ItemDef) -> str:
    return f"{definition.key}:{item.code}"


def option_context(definition: Definition, item: ItemDef, value: int) -> str:
    group = item.scale if item.kind == "scale" and item.scale else item.code
    return f"{definition.key}:{group}:{value}"


def messages(definition: Definition) -> Iterator[tuple[str, str, str]]:
    """Every (context, German text, comment) of a definition, each once."""
    seen: set[str] = set()
    for item in definition.items:
        yield item_context(definition, item), item.text, f"question {item.code} ({item.kind})"
        for value, option in zip(item.values, item.options, strict=True):
            context = option_context(definition, item, value)
            if context not in seen:
                seen.add(context)
                yield context, option, f"answer {value} of {context.split(':')[1]}"


def item_text(definition: Definition, item: ItemDef) -> str:
    return pgettext(item_context(definition, item), item.text)


def option_text(definition: Definition, item: ItemDef, value: int) -> str:
    return pgettext(option_context(definition, item, value), item.options[value - 1])


def extract_definitions(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extractor for questionnaire TOML files (see ``babel.cfg``)."""
    raw = fileobj.read()
    lines = raw.decode("utf-8").splitlines()
    definition = parse(tomllib.loads(raw.decode("utf-8")))
    for context, text, comment in messages(definition):
        quoted = f'"{text}"'
        lineno = next((n for n, line in enumerate(lines, 1) if quoted in line), 0)
        yield lineno, "pgettext", (context, text), [comment]
