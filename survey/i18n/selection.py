"""Which locale a request is served in.

Order (GUIDE.md, as in CTFd): explicit choice (``?lang=`` or a form field
``lang``), then the ``lang`` cookie, then the site's default, then
``Accept-Language``, then the instance default. On a site page only the
locales the site offers count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from flask import current_app, g, has_request_context, request

from . import locales
from .locales import LocaleInfo

COOKIE = "lang"
#: ISO 639 codes browsers may send for languages we file under another code
ALIASES = {"prs": "fa-AF", "kmr": "ku", "pbu": "ps", "pbt": "ps", "tir": "ti", "som": "so"}


def from_header_tag(tag: str) -> str | None:
    """Map an ``Accept-Language`` tag (``ar-SY``, ``fa-AF``, ``prs``) to a public code."""
    exact = locales.normalize(tag)
    if exact:
        return exact
    primary = tag.replace("_", "-").split("-")[0].lower()
    return ALIASES.get(primary) or locales.normalize(primary)


def choose(
    *,
    explicit: str | None,
    cookie: str | None,
    site_default: str | None,
    accept: Iterable[str],
    offered: Sequence[str] = (),
    fallback: str = locales.SOURCE,
) -> str:
    """The public code to serve; pure, so that the order is easy to test."""
    allowed = [c for c in (locales.normalize(o) for o in offered) if c] or list(locales.CODES)

    def ok(code: str | None) -> str | None:
        return code if code in allowed else None

    for candidate in (locales.normalize(explicit), locales.normalize(cookie)):
        if ok(candidate):
            return candidate  # type: ignore[return-value]
    if ok(locales.normalize(site_default)):
        return locales.normalize(site_default)  # type: ignore[return-value]
    for tag in accept:
        if ok(found := from_header_tag(tag)):
            return found  # type: ignore[return-value]
    if ok(locales.normalize(fallback)):
        return locales.normalize(fallback)  # type: ignore[return-value]
    return locales.SOURCE if locales.SOURCE in allowed else allowed[0]


def explicit_choice() -> str | None:
    """``?lang=``, or a ``lang`` field of a submitted form."""
    value = request.args.get("lang")
    if not value and request.method == "POST":
        try:
            value = request.form.get("lang")
        except Exception:
            value = None
    return locales.normalize(value)


def current() -> LocaleInfo:
    """The locale of this request (chosen once, reset by :func:`use_site`)."""
    found = g.get("_survey_locale")
    if found is None and not has_request_context():
        return locales.BY_CODE[locales.normalize(_default()) or locales.SOURCE]
    if found is None:
        site = g.get("survey_site")
        code = choose(
            explicit=explicit_choice(),
            cookie=request.cookies.get(COOKIE),
            site_default=getattr(site, "default_locale", None),
            accept=request.accept_languages.values(),
            offered=getattr(site, "locales", None) or (),
            fallback=_default(),
        )
        found = g._survey_locale = locales.BY_CODE[code]
    return found


def offered(site: object | None = None) -> list[LocaleInfo]:
    """The locales a picker shows: the site's, in its order, or all."""
    codes = [c for c in (locales.normalize(x) for x in getattr(site, "locales", None) or ()) if c]
    return [locales.BY_CODE[c] for c in codes] if codes else list(locales.LOCALES)


def _default() -> str:
    return current_app.config.get("SURVEY_DEFAULT_LOCALE", locales.SOURCE)


@contextmanager
def force_locale(code: str) -> Iterator[LocaleInfo]:
    """Render under ``code`` whatever the request asked for (PDFs, e-mails)."""
    info = locales.get(code)
    previous = g.get("_survey_locale")
    g._survey_locale = info
    try:
        yield info
    finally:
        if previous is None:
            g.pop("_survey_locale", None)
        else:
            g._survey_locale = previous
