"""The QR poster: a printable A4 PDF per site with the URL, a QR code and the
invitation in the site's languages (WeasyPrint; fonts from fonts-noto-core).

WeasyPrint fetches nothing from the network: its URL fetcher serves ``data:``
URIs (the QR code) and files under ``survey/static`` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import segno
from flask import render_template
from weasyprint import HTML, default_url_fetcher

from survey import ROOT
from survey.i18n import locales, selection
from survey.i18n.text import lookup
from survey.sites.models import Site

STATIC = (ROOT / "survey" / "static").resolve()
TITLE = "Wie war Ihr Besuch heute?"
SENTENCE = "Die Befragung ist freiwillig und anonym. Sie dauert etwa eine Minute."


class FetchRefused(ValueError):
    pass


def local_only(url: str, timeout: int = 10, ssl_context=None) -> dict:
    """WeasyPrint's URL fetcher, limited to data: URIs and files under survey/static."""
    if url.startswith("data:"):
        return default_url_fetcher(url, timeout, ssl_context)
    if url.startswith("file://"):
        path = Path(url.removeprefix("file://")).resolve()
        if path.is_relative_to(STATIC) and path.is_file():
            return default_url_fetcher(path.as_uri(), timeout, ssl_context)
    raise FetchRefused(f"not fetched: {url[:80]}")


@dataclass(frozen=True)
class Invitation:
    info: locales.LocaleInfo
    title: str
    sentence: str


def invitations(site: Site) -> list[Invitation]:
    """The invitation in each of the site's languages, the default language first."""
    infos = selection.offered(site)
    default = locales.BY_CODE.get(locales.normalize(site.default_locale) or "")
    if default in infos:
        infos = [default, *(i for i in infos if i != default)]
    return [Invitation(info, lookup(info, TITLE)[0], lookup(info, SENTENCE)[0]) for info in infos]


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=10, border=2)


def render_pdf(site: Site, url: str) -> bytes:
    """The poster of ``site`` pointing at ``url`` (the site's /s/<code> address)."""
    html = render_template(
        "form/poster.html",
        site=site,
        url=url,
        qr=qr_data_uri(url),
        invitations=invitations(site),
    )
    return HTML(string=html, base_url=STATIC.as_uri() + "/", url_fetcher=local_only).write_pdf()
