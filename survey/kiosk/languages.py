"""The languages a kiosk can offer (METHODOLOGY.md §5): code, native name, direction.

A stand-in for the locale list of ``survey.i18n``; at merge this module
re-exports that list instead.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    direction: str = "ltr"


LANGUAGES: tuple[Language, ...] = (
    Language("de", "Deutsch"),
    Language("de-easy", "Leichte Sprache"),
    Language("en", "English"),
    Language("ar", "العربية", "rtl"),
    Language("fa", "فارسی", "rtl"),
    Language("fa-AF", "دری", "rtl"),
    Language("ps", "پښتو", "rtl"),
    Language("ckb", "کوردی", "rtl"),
    Language("ku", "Kurdî"),
    Language("ti", "ትግርኛ"),
    Language("tr", "Türkçe"),
    Language("ru", "Русский"),
    Language("uk", "Українська"),
    Language("so", "Soomaali"),
    Language("fr", "Français"),
    Language("es", "Español"),
    Language("ro", "Română"),
    Language("pl", "Polski"),
)
BY_CODE = {language.code: language for language in LANGUAGES}


def offered(locales: list[str] | None, default: str = "de") -> list[Language]:
    """The languages a site offers, in its order; all of them when it names none."""
    chosen = [BY_CODE[code] for code in (locales or []) if code in BY_CODE]
    if not chosen:
        chosen = list(LANGUAGES)
    if default in BY_CODE and BY_CODE[default] not in chosen:
        chosen.insert(0, BY_CODE[default])
    return chosen


def babel_locale(code: str) -> str:
    """The Babel locale whose catalog holds ``code``'s texts."""
    if code == "de-easy":
        return "de"  # Babel knows no Leichte Sprache: the languages feature maps its catalog
    return code.replace("-", "_")
