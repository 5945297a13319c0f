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
    candidates = (
        locales.normalize(explicit),
        locales.normalize(cookie),
        locales.normalize(site_default),
        *(from_header_tag(tag) for tag in accept),
        locales.normalize(fallback),
        locales.SOURCE,
    )
    return next((c for c in candidates if c in allowed), allowed[0])


def explicit_choice() -> str | None:
    """``?lang=``, or a ``lang`` field of a submitted form."""
    value = request.args.get("lang")
    if not value and request.method == "POST":
        try:
            value = request.form.get("lang")
        except Exception:
            value = None
    return locales.normalize(value)


def _state() -> dict:
    """Per-request state, kept on the request itself (``g`` outside a request)."""
    if has_request_context():
        return request.environ.setdefault("survey.i18n", {})
    return g.setdefault("_survey_i18n", {})


def served() -> LocaleInfo | None:
    """The locale this request was served in, if anything was translated yet."""
    return _state().get("locale")


def current_site() -> object | None:
    return _state().get("site")


def set_site(site: object | None) -> None:
    """Make ``site``'s offer and default count for this request (None: none)."""
    state = _state()
    state["site"] = site
    state.pop("locale", None)


def current() -> LocaleInfo:
    """The locale of this request (chosen once, reset by :func:`set_site`)."""
    state = _state()
    found = state.get("locale")
    if found is not None:
        return found
    if not has_request_context():
        return locales.BY_CODE[locales.normalize(_default()) or locales.SOURCE]
    site = state.get("site")
    code = choose(
        explicit=explicit_choice(),
        cookie=request.cookies.get(COOKIE),
        site_default=getattr(site, "default_locale", None),
        accept=request.accept_languages.values(),
        offered=state.get("only") or getattr(site, "locales", None) or (),
        fallback=_default(),
    )
    found = state["locale"] = locales.BY_CODE[code]
    return found


STAFF_LOCALES = ("de", "en")


def only(codes: Sequence[str] = STAFF_LOCALES) -> None:
    """Serve this request in one of ``codes`` only (staff pages: German or English).

    Use as ``bp.before_request(survey.i18n.selection.only)`` on a staff blueprint.
    """
    state = _state()
    state["only"] = tuple(codes)
    state.pop("locale", None)


def offered(site: object | None = None) -> list[LocaleInfo]:
    """The locales a picker shows: the request's restriction, the site's (in its order), or all."""
    restricted = _state().get("only") if has_request_context() else None
    source = restricted or getattr(site, "locales", None) or ()
    codes = [c for c in (locales.normalize(x) for x in source) if c]
    return [locales.BY_CODE[c] for c in codes] if codes else list(locales.LOCALES)


def _default() -> str:
    return current_app.config.get("SURVEY_DEFAULT_LOCALE", locales.SOURCE)


@contextmanager
def force_locale(code: str) -> Iterator[LocaleInfo]:
    """Render under ``code`` whatever the request asked for (PDFs, e-mails)."""
    info = locales.get(code)
    state = _state()
    previous = state.get("locale")
    state["locale"] = info
    try:
        yield info
    finally:
        if previous is None:
            state.pop("locale", None)
        else:
            state["locale"] = previous
