"""Jinja (a plain Environment, no Flask) and WeasyPrint, behind the restricted fetcher."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2

from . import formats
from .items import LABELS
from .network_effects import notice_filter

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates" / "reports"
RTL = ("ar", "fa", "fa-AF", "ps", "ckb")
#: html lang attribute per locale code (the CSS names a font per language)
HTML_LANG = {"fa-AF": "fa", "de-easy": "de"}

Gettext = Callable[[str], str]


def environment(gettext: Gettext, lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=gettext,
        ngettext=lambda s, p, n: gettext(s if n == 1 else p),
        newstyle=False,
    )
    for name, function in formats.FILTERS.items():
        env.filters[name] = _with_lang(function, lang) if name != "count" else function
    env.filters["label"] = lambda code: gettext(LABELS.get(str(code), str(code)))
    env.filters["notice"] = notice_filter(gettext)
    env.globals.update(
        lang=lang,
        rtl=RTL,
        html_lang=lambda code: HTML_LANG.get(code, code),
        templates=TEMPLATES.as_uri(),
    )
    return env


def _with_lang(function: Callable[..., str], lang: str) -> Callable[[Any], str]:
    return lambda value: function(value, lang)


def render_html(template: str, gettext: Gettext, lang: str, **context: Any) -> str:
    return environment(gettext, lang).get_template(template).render(**context)


def write_pdf(
    html: str,
    *,
    folders: Sequence[Path] = (),
    variant: str | None = "pdf/ua-1",
) -> bytes:
    """PDF bytes; only files below ``templates/reports`` and ``folders`` are fetched.

    Title and language metadata come from the HTML's ``<title>`` and ``<html lang>``;
    ``variant`` "pdf/ua-1" writes a tagged PDF (``None``: untagged, plain PDF).
    """
    # imported here: WeasyPrint takes seconds to import, and the web app and every CLI
    # command import this module
    from weasyprint import HTML

    from .fetcher import LocalFetcher

    fetcher = LocalFetcher([TEMPLATES, *folders])
    document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher)
    options: dict[str, Any] = {"pdf_variant": variant} if variant else {}
    return document.write_pdf(**options, pdf_tags=bool(variant))
