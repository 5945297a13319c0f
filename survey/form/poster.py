"""The QR poster: a printable A4 PDF per site with the URL, a QR code and the
invitation in the site's languages (WeasyPrint; fonts from fonts-noto-core).

WeasyPrint fetches nothing from the network: its URL fetcher serves ``data:``
URIs (the QR code) and files under ``survey/static`` only.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from flask import render_template

from survey import ROOT
from survey.i18n import locales, selection
from survey.i18n.text import lookup
from survey.sites.models import Site

STATIC = (ROOT / "survey" / "static").resolve()
TITLE = "Wie war Ihr Besuch heute?"
SENTENCE = "Die Befragung ist freiwillig und anonym. Sie dauert etwa eine Minute."


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


def form_url(base: str, code: str) -> str:
    """The online form of site ``code`` under the public address ``base``."""
    return f"{base.rstrip('/')}/s/{code}"


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
    # imported here: WeasyPrint takes seconds to import, and every CLI command and
    # worker would pay for it when the app is created
    from weasyprint import HTML

    from analysis.reports.fetcher import LocalFetcher

    fetcher = LocalFetcher([STATIC])
    return HTML(string=html, base_url=STATIC.as_uri() + "/", url_fetcher=fetcher).write_pdf()
