"""Compiled catalogs (``.mo``), loaded once per app and catalog folder.

Flask-Babel loads catalogs by Babel locale, which cannot name Leichte Sprache
(``de_easy``). The lookups in :mod:`survey.i18n.text` therefore read the
compiled files here, by catalog folder name.
"""

from __future__ import annotations

from gettext import NullTranslations
from pathlib import Path

from babel.support import Translations
from flask import Flask, current_app

DOMAIN = "messages"


def translations_dir(app: Flask | None = None) -> Path:
    app = app or current_app
    return Path(app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0])


def mo_path(directory: Path, catalog: str) -> Path:
    return directory / catalog / "LC_MESSAGES" / f"{DOMAIN}.mo"


def load(catalog: str) -> NullTranslations:
    """The compiled catalog of one folder; empty when it was not compiled."""
    cache: dict[str, NullTranslations] = current_app.extensions.setdefault("survey_catalogs", {})
    found = cache.get(catalog)
    if found is None:
        path = mo_path(translations_dir(), catalog)
        if path.is_file():
            with path.open("rb") as fh:
                found = Translations(fp=fh, domain=DOMAIN)
        else:
            current_app.logger.warning("catalog %s is not compiled (%s)", catalog, path)
            found = NullTranslations()
        cache[catalog] = found
    return found


def entry(catalog: str, msgid: str, context: str | None = None) -> str | None:
    """The translation of ``msgid`` in one catalog, or None if it has none."""
    key = msgid if context is None else f"{context}\x04{msgid}"
    messages = getattr(load(catalog), "_catalog", {})
    text = messages.get(key)
    return text or None


def plural_entry(catalog: str, singular: str, num: int) -> str | None:
    """The plural form of ``singular`` for ``num`` in one catalog, or None."""
    translations = load(catalog)
    choose = getattr(translations, "plural", None)
    if choose is None:
        return None
    text = getattr(translations, "_catalog", {}).get((singular, choose(num)))
    return text or None
