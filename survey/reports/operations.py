"""What the reports feature does: render a site report or the network publication.

The locale is forced for the whole render (GUIDE.md: a PDF renders under a forced
locale, not the request's). Strings are German msgids looked up in the staff
catalogs (reports exist in German and English).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from analysis.reports import documents
from survey.database import db
from survey.i18n.selection import force_locale
from survey.i18n.text import lookup
from survey.measures.operations import site_marks
from survey.measures.types import TYPES
from survey.sites.models import Site

LANGUAGES = ("de", "en")


class ReportError(ValueError):
    """A report that cannot be made (unknown site, bad period)."""


def translator(lang: str) -> Callable[[str], str]:
    """``gettext`` for ``lang``, resolved now (under the forced locale)."""
    with force_locale(lang) as info:

        def gettext(msgid: str) -> str:
            return lookup(info, msgid)[0]

        return gettext


def site_name(code: str) -> str:
    name = db.session.scalar(select(Site.name).where(Site.code == code))
    if name is None:
        raise ReportError(f"unknown site {code!r}")
    return name


def _site_id(code: str) -> int:
    found = db.session.scalar(select(Site.id).where(Site.code == code))
    if found is None:
        raise ReportError(f"unknown site {code!r}")
    return found


def site_pdf(
    code: str,
    start: date,
    end: date,
    lang: str,
    progress: documents.Progress = lambda _: None,
    *,
    comments: bool = True,
) -> bytes:
    """The site report; ``comments=False`` for readers without the comments capability."""
    if start > end:
        raise ReportError("the period ends before it starts")
    name = site_name(code)
    with force_locale(lang):
        return documents.site_report(
            db.engine,
            code,
            name,
            start,
            end,
            lang=lang,
            gettext=translator(lang),
            progress=progress,
            comments=comments,
            measures=site_marks(db.engine, _site_id(code), start, end),
        )


def all_sites() -> dict[str, str]:
    """Every site, code → name, in code order."""
    return dict(db.session.execute(select(Site.code, Site.name).order_by(Site.code)).all())


def network_pdf(
    start: date,
    end: date,
    lang: str,
    *,
    a: tuple[date, date] | None = None,
    b: tuple[date, date] | None = None,
    progress: documents.Progress = lambda _: None,
    timing: documents.Timing | None = None,
) -> bytes:
    if start > end:
        raise ReportError("the period ends before it starts")
    with force_locale(lang):
        return documents.network_report(
            db.engine,
            all_sites(),
            start,
            end,
            a=a,
            b=b,
            lang=lang,
            gettext=translator(lang),
            progress=progress,
            timing=timing,
            type_labels={code: str(t.label) for code, t in TYPES.items()},
        )
