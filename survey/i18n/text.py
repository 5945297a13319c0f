"""Translating a string for the current request, with German as the fallback.

A string missing from a catalog (or only fuzzy there) is shown in German, never
empty and never as a bare key: msgids are the German source text, and the
``de`` catalog is consulted before them. German text shown on a page in another
language is wrapped in ``<span lang="de">`` so that screen readers switch voice.
"""

from __future__ import annotations

from typing import Any

from flask_babel import LazyString
from markupsafe import Markup, escape

from . import catalogs, locales
from .locales import LocaleInfo
from .selection import current

FALLBACK_SPAN = Markup('<span lang="de">%s</span>')


def lookup(info: LocaleInfo, msgid: str, context: str | None = None) -> tuple[str, bool]:
    """The text for ``msgid`` in ``info``'s locale and whether it is the German fallback."""
    found = catalogs.entry(info.catalog, msgid, context)
    if found is not None:
        return found, False
    if info.catalog != locales.SOURCE:
        found = catalogs.entry(locales.SOURCE, msgid, context)
    return (found or msgid), info.html_lang != "de"


def _finish(text: str, fallback: bool, variables: dict[str, Any]) -> str:
    if variables:
        text = (escape(text) % variables) if fallback else text % variables
    return FALLBACK_SPAN % text if fallback else text


def gettext(msgid: str, **variables: Any) -> str:
    text, fallback = lookup(current(), msgid)
    return _finish(text, fallback, variables)


def pgettext(context: str, msgid: str, **variables: Any) -> str:
    text, fallback = lookup(current(), msgid, context)
    return _finish(text, fallback, variables)


def lazy_gettext(msgid: str, **variables: Any) -> LazyString:
    return LazyString(gettext, msgid, **variables)


def lazy_pgettext(context: str, msgid: str, **variables: Any) -> LazyString:
    return LazyString(pgettext, context, msgid, **variables)


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """Plural forms per locale (Arabic has six); falls back like :func:`gettext`."""
    info = current()
    variables.setdefault("num", num)
    translations = catalogs.load(info.catalog)
    messages = getattr(translations, "_catalog", {})
    index = translations.plural(num) if hasattr(translations, "plural") else int(num != 1)
    text = messages.get((singular, index))
    if text:
        return text % variables
    german = singular if num == 1 else plural
    return _finish(german, info.html_lang != "de", variables)


# Jinja's newstyle gettext formats the variables itself and escapes them; these
# variants only look up, returning Markup for the German fallback.
def jinja_gettext(msgid: str) -> str:
    text, fallback = lookup(current(), msgid)
    return FALLBACK_SPAN % text if fallback else text


def jinja_pgettext(context: str, msgid: str) -> str:
    text, fallback = lookup(current(), msgid, context)
    return FALLBACK_SPAN % text if fallback else text


def jinja_ngettext(singular: str, plural: str, num: int) -> str:
    info = current()
    translations = catalogs.load(info.catalog)
    messages = getattr(translations, "_catalog", {})
    index = translations.plural(num) if hasattr(translations, "plural") else int(num != 1)
    text = messages.get((singular, index))
    if text:
        return text
    german = singular if num == 1 else plural
    return FALLBACK_SPAN % german if info.html_lang != "de" else german
