"""What can be heard: the clips of a questionnaire version, and their text per locale."""

from __future__ import annotations

from dataclasses import dataclass

from survey.i18n.locales import LocaleInfo
from survey.i18n.questionnaire import item_context, option_context
from survey.i18n.text import lookup
from survey.questionnaires.definition import Definition

#: The form's introduction, read as one clip (UI strings, German msgids).
INTRO = "intro"
INTRO_MSGIDS = (
    "Wie war Ihr Besuch heute?",
    "Die Befragung ist freiwillig und anonym. Sie dauert etwa eine Minute.",
    "Sie können jede Frage überspringen.",
)
#: Suffix of the clip that reads a question and then its options (the online form's).
FULL = "full"


@dataclass(frozen=True)
class Clip:
    #: file name without ``.opus``: ``intro``, ``overall``, ``overall-5``, ``overall-full``
    name: str
    #: (msgid, context) read one after the other
    parts: tuple[tuple[str, str | None], ...]
    #: item code, None for the introduction
    item: str | None = None
    #: option value, None for a question
    value: int | None = None


def clips(definition: Definition) -> list[Clip]:
    """Every clip of ``definition``: introduction, each question, each option, each
    question with its options (in that order)."""
    found = [Clip(INTRO, tuple((msgid, None) for msgid in INTRO_MSGIDS))]
    for item in definition.items:
        question = (item.text, item_context(definition, item))
        found.append(Clip(item.code, (question,), item.code))
        options = [
            (value, (option, option_context(definition, item, value)))
            for value, option in zip(item.values, item.options, strict=True)
        ]
        for value, part in options:
            found.append(Clip(f"{item.code}-{value}", (part,), item.code, value))
        if options:
            parts = (question, *(part for _, part in options))
            found.append(Clip(f"{item.code}-{FULL}", parts, item.code))
    return found


def names(definition: Definition) -> frozenset[str]:
    return frozenset(clip.name for clip in clips(definition))


def text(clip: Clip, info: LocaleInfo) -> str | None:
    """What the clip says in ``info``'s locale; None where a part has no translation
    (a German fallback must not be read out in a Turkish voice)."""
    spoken = []
    for msgid, context in clip.parts:
        found, fallback = lookup(info, msgid, context)
        if fallback:
            return None
        found = found.strip()
        # a pause between the question and each option: end each part as a sentence
        spoken.append(found if found.endswith((".", "?", "!", ":", "؟", "።")) else found + ".")
    return "\n".join(spoken)
