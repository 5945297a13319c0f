"""A string missing from a catalog is shown in German, marked lang="de"."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from survey import ROOT
from survey.i18n import locales, workflow


@pytest.fixture
def holes(tmp_path: Path) -> Path:
    """Catalogs where fr lacks "Absenden" and de-easy lacks "Datenschutz"."""
    target = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", target, ignore=shutil.ignore_patterns("*.mo"))
    holes = (
        ("fr", "Absenden"),
        ("fr", "Sprache wählen"),
        ("de-easy", "Datenschutz"),
        ("ar", "Barrierefreiheit"),
    )
    for code, msgid in holes:
        info = locales.get(code)
        path = workflow.po_path(target, info.catalog)
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=info.babel)
        if code == "ar":
            catalog.get(msgid).flags.add("fuzzy")  # fuzzy counts as missing
        else:
            catalog.delete(msgid)
        with path.open("wb") as fh:
            write_po(fh, catalog)
    workflow.compile_catalogs(target)
    return target


@pytest.fixture
def holey_client(make_app, holes: Path, app):
    from survey.database import db
    from survey.sites.operations import add_site

    holey = make_app(BABEL_TRANSLATION_DIRECTORIES=str(holes))
    with holey.app_context():
        add_site(db.session, "WI", "Wiesbaden")
        db.session.commit()
    return holey.test_client()


def test_missing_string_is_german_and_marked(holey_client) -> None:
    html = holey_client.get("/s/WI?lang=fr").get_data(as_text=True)
    assert '<button type="submit"><span lang="de">Absenden</span></button>' in html
    assert "Comment s’est passée votre visite" in html  # the rest stays French


def test_missing_string_in_an_attribute_is_plain_german(holey_client) -> None:
    """The fallback marker is markup: inside an attribute it would break the page."""
    html = holey_client.get("/s/WI?lang=fr").get_data(as_text=True)
    assert 'aria-label="Sprache wählen"' in html


#: ``{{ … }}`` inside an attribute value
EXPRESSION_IN_ATTRIBUTE = re.compile(r'="[^"]*?\{\{(.*?)\}\}')


def test_translations_in_attributes_are_plain_text() -> None:
    """A translation inside an attribute must drop the fallback marker (``|striptags``)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for expression in EXPRESSION_IN_ATTRIBUTE.findall(line)
        if re.search(r"\b_l?\(", expression) and "striptags" not in expression
    ]
    assert offenders == []


def test_fuzzy_string_is_german_and_marked(holey_client) -> None:
    html = holey_client.get("/s/WI?lang=ar").get_data(as_text=True)
    assert '<span lang="de">Barrierefreiheit</span>' in html


def test_leichte_sprache_falls_back_to_german_without_a_marker(holey_client) -> None:
    html = holey_client.get("/s/WI?lang=de-easy").get_data(as_text=True)
    assert ">Datenschutz</a>" in html  # the page is lang="de" already
    assert '<span lang="de">' not in html


def test_uncompiled_catalog_falls_back_to_german_not_to_empty(make_app, tmp_path, app) -> None:
    from survey.database import db
    from survey.sites.operations import add_site

    empty = make_app(BABEL_TRANSLATION_DIRECTORIES=str(tmp_path / "nothing"))
    with empty.app_context():
        add_site(db.session, "WI", "Wiesbaden")
        db.session.commit()
    html = empty.test_client().get("/s/WI?lang=ti").get_data(as_text=True)
    assert '<legend id="l-topic"><span lang="de">Worum ging es heute?</span></legend>' in html
    assert "<legend></legend>" not in html
