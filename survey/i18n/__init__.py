"""Languages: the 18 locales, the choice of locale per request, German fallback.

- :mod:`.locales` lists the locales (own name, direction, catalog, font);
- :mod:`.selection` picks one per request (GUIDE.md order) and lets a site
  restrict the choice (:func:`use_site`);
- :mod:`.text` translates with a German fallback marked ``lang="de"``;
- :mod:`.questionnaire` translates questionnaire wording (msgctxt ``core@1:…``);
- :mod:`.workflow`, :mod:`.coverage`, :mod:`.status` and :mod:`.cli` are the
  translators' tools (see docs/translations.md).

Use ``_()`` in requests and ``_l()`` at import time, with named placeholders.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import flask_babel
from babel.dates import format_date
from babel.numbers import format_decimal
from flask import Flask, Response, request
from flask_babel import Babel

from survey import ROOT
from survey.security.request_input import url_with_query

from . import locales
from .locales import LocaleInfo
from .selection import (
    COOKIE,
    current,
    current_site,
    explicit_choice,
    force_locale,
    offered,
    only,
    served,
    set_site,
)
from .text import gettext, lazy_gettext, lazy_pgettext, ngettext, pgettext

_ = gettext
_l = lazy_gettext

__all__ = [
    "_",
    "_l",
    "current",
    "force_locale",
    "format_day",
    "format_number",
    "gettext",
    "lazy_gettext",
    "lazy_pgettext",
    "ngettext",
    "only",
    "pgettext",
    "use_site",
]

babel = Babel()
COOKIE_MAX_AGE = 365 * 24 * 3600


def select_locale() -> str:
    """Flask-Babel's locale (numbers, dates): the Babel locale of :func:`current`."""
    return current().babel


def use_site(site: Any) -> LocaleInfo:
    """Restrict this request's locale to what ``site`` offers; return the locale."""
    set_site(site)
    flask_babel.refresh()
    return current()


def format_number(value: float, info: LocaleInfo | None = None) -> str:
    """A number in the locale's format and digits (Persian digits for fa, fa-AF, ps)."""
    info = info or current()
    text = format_decimal(value, locale=info.babel, numbering_system="default")
    return locales.localize_digits(text, info)


def format_day(value: date, info: LocaleInfo | None = None) -> str:
    """A date written out in the locale (``3. Dezember 2026``), in its own digits."""
    info = info or current()
    return locales.localize_digits(format_date(value, format="long", locale=info.babel), info)


def language_url(code: str) -> str:
    """The current page in another language (other query arguments kept)."""
    # Query names never become keyword arguments of url_for (``?endpoint=x``,
    # ``?_external=1``): the query is appended as a query string.
    # Names that url_for would read as its own options (``_scheme``, ``_anchor``) are
    # dropped too: no link repeats ``?_scheme=javascript`` from a crafted address.
    kept = [
        (k, v) for k, v in request.args.items(multi=True) if k != "lang" and not k.startswith("_")
    ]
    return url_with_query(
        request.endpoint or "home.index", [*kept, ("lang", code)], **(request.view_args or {})
    )


def _remember_choice(response: Response) -> Response:
    """An explicit choice is kept in a preference cookie (no identifier in it)."""
    info = served()
    if info is None:  # nothing on this response was translated
        return response
    # the language came from the cookie or the browser's header: caches must know
    response.vary.update(("Cookie", "Accept-Language"))
    chosen = explicit_choice()
    if chosen and info.code == chosen != request.cookies.get(COOKIE):
        response.set_cookie(
            COOKIE,
            chosen,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure,
        )
    return response


def _template_context() -> dict[str, Any]:
    info = current()
    return {
        "locale": info,
        "html_lang": info.html_lang,
        "html_dir": info.direction,
        "offered_locales": offered(current_site()),
    }


def init_app(app: Flask) -> None:
    from .cli import translations_cli
    from .questionnaire import item_text, option_text
    from .text import jinja_gettext, jinja_ngettext, jinja_pgettext

    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "de")
    babel.init_app(app, locale_selector=select_locale)
    # Our lookups replace Flask-Babel's in templates (German fallback, de_easy).
    app.jinja_env.install_gettext_callables(
        gettext=jinja_gettext, ngettext=jinja_ngettext, pgettext=jinja_pgettext, newstyle=True
    )
    app.jinja_env.globals.update(
        format_number=format_number,
        language_url=language_url,
        item_text=item_text,
        option_text=option_text,
    )
    app.context_processor(_template_context)
    app.after_request(_remember_choice)
    app.cli.add_command(translations_cli)
