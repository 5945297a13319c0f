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


def lookup_plural(info: LocaleInfo, singular: str, plural: str, num: int) -> tuple[str, bool]:
    """The plural form for ``num`` (Arabic has six), falling back like :func:`lookup`."""
    for catalog in dict.fromkeys((info.catalog, locales.SOURCE)):
        found = catalogs.plural_entry(catalog, singular, num)
        if found is not None:
            return found, catalog != info.catalog and info.html_lang != "de"
    return (singular if num == 1 else plural), info.html_lang != "de"


def _mark(text: str, fallback: bool) -> str:
    return FALLBACK_SPAN % text if fallback else text


def _format(text: str, fallback: bool, variables: dict[str, Any]) -> str:
    if variables:
        text = (escape(text) % variables) if fallback else text % variables
    return _mark(text, fallback)


def gettext(msgid: str, **variables: Any) -> str:
    return _format(*lookup(current(), msgid), variables)


def pgettext(context: str, msgid: str, **variables: Any) -> str:
    return _format(*lookup(current(), msgid, context), variables)


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return _format(*lookup_plural(current(), singular, plural, num), variables)


def lazy_gettext(msgid: str, **variables: Any) -> LazyString:
    return LazyString(gettext, msgid, **variables)


def lazy_pgettext(context: str, msgid: str, **variables: Any) -> LazyString:
    return LazyString(pgettext, context, msgid, **variables)


# Jinja's newstyle gettext formats the variables itself (escaping them); these
# variants only look up, returning Markup for the German fallback.
def jinja_gettext(msgid: str) -> str:
    return _mark(*lookup(current(), msgid))


def jinja_pgettext(context: str, msgid: str) -> str:
    return _mark(*lookup(current(), msgid, context))


def jinja_ngettext(singular: str, plural: str, num: int) -> str:
    return _mark(*lookup_plural(current(), singular, plural, num))
