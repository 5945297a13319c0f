"""The translators' tools: extract is up to date, check finds broken catalogs, status is honest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from flask import Flask

from survey import ROOT
from survey.i18n import coverage, locales, status, workflow

TRANSLATIONS = ROOT / "translations"


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A temporary copy of the catalogs (the real ones are never touched)."""
    target = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, target, ignore=shutil.ignore_patterns("*.mo"))
    return target


def edit(directory: Path, code: str, change) -> None:
    info = locales.get(code)
    path = workflow.po_path(directory, info.catalog)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=info.babel)
    change(catalog)
    with path.open("wb") as fh:
        write_po(fh, catalog)


def test_the_committed_catalogs_are_complete() -> None:
    assert coverage.check(TRANSLATIONS) == []


def test_the_committed_template_is_what_extract_produces(tmp_path: Path) -> None:
    fresh = workflow.extract(ROOT, tmp_path)
    committed = workflow.read_template(TRANSLATIONS)
    assert {(m.context, m.id) for m in fresh if m.id} == {
        (m.context, m.id) for m in committed if m.id
    }, "run `flask --app wsgi translations extract` and `update`"


def test_questionnaire_wording_is_in_the_template(core_definition) -> None:
    template = workflow.read_template(TRANSLATIONS)
    for item in core_definition.items:
        assert template.get(item.text, context=f"core@1:{item.code}") is not None
    assert template.get("stimme voll zu", context="core@1:agreement:5") is not None
    assert template.get("Sprachhilfe/Dolmetschen", context="core@1:improve:5") is not None


def test_check_finds_missing_fuzzy_and_placeholder_problems(catalog_copy: Path) -> None:
    def breaks(catalog) -> None:
        catalog.delete("Absenden")
        catalog.get("Sonstiges", context="core@1:topic:5").flags.add("fuzzy")
        catalog.get("Höchstens %(max)s Zeichen.").string = "Pas plus de %(n)s caractères."
        catalog.get("Ihre Rückmeldung an: %(site)s").string = "Votre avis va à : %(site)s %(x)s"
        catalog.get("Datenschutz").string = ""
        catalog.get("Ihre Rechte").string = "Vos droits à 100 %"

    edit(catalog_copy, "fr", breaks)
    problems = {(p.locale, p.kind, p.msgid) for p in coverage.check(catalog_copy)}
    assert problems == {
        ("fr", "missing", "Absenden"),
        ("fr", "fuzzy", "Sonstiges"),
        ("fr", "placeholder", "Höchstens %(max)s Zeichen."),
        ("fr", "placeholder", "Ihre Rückmeldung an: %(site)s"),
        ("fr", "missing", "Datenschutz"),
        ("fr", "placeholder", "Ihre Rechte"),  # a lone % breaks Jinja's formatting
    }


def test_check_finds_a_missing_catalog(catalog_copy: Path) -> None:
    shutil.rmtree(catalog_copy / "fa_AF")
    assert [(p.locale, p.kind) for p in coverage.check(catalog_copy)] == [("fa-AF", "no catalog")]


def test_staff_strings_are_needed_in_german_and_english_only(catalog_copy: Path) -> None:
    template = workflow.read_template(catalog_copy)
    template.add("Übersetzungsstand", context="staff:admin")
    template.add("Anmeldename (Beispiel)", locations=[("survey/accounts/forms.py", 3)])
    template.add("Angemeldet bleiben", locations=[("templates/admin/users.html", 9)])
    with (catalog_copy / workflow.TEMPLATE).open("wb") as fh:
        write_po(fh, template)
    workflow.update(catalog_copy)
    # German is filled from the msgids by update; English is still to be written
    problems = {(p.locale, p.msgid) for p in coverage.check(catalog_copy)}
    assert problems == {
        ("en", "Übersetzungsstand"),
        ("en", "Anmeldename (Beispiel)"),
        ("en", "Angemeldet bleiben"),
    }


def test_a_string_used_on_an_applicant_page_too_is_needed_everywhere(
    catalog_copy: Path,
) -> None:
    template = workflow.read_template(catalog_copy)
    template.add(
        "Abmelden (Beispiel)",
        locations=[("templates/admin/base.html", 1), ("templates/form/form.html", 2)],
    )
    with (catalog_copy / workflow.TEMPLATE).open("wb") as fh:
        write_po(fh, template)
    workflow.update(catalog_copy)
    assert len({p.locale for p in coverage.check(catalog_copy)}) == 17  # all but German


def test_check_command_fails_on_a_broken_copy(make_app, catalog_copy: Path) -> None:
    edit(catalog_copy, "ti", lambda catalog: catalog.delete("Vielen Dank!"))
    app: Flask = make_app(BABEL_TRANSLATION_DIRECTORIES=str(catalog_copy))
    result = app.test_cli_runner().invoke(args=["translations", "check"])
    assert result.exit_code == 1
    assert "ti: missing: 'Vielen Dank!'" in result.output
    good: Flask = make_app()
    result = good.test_cli_runner().invoke(args=["translations", "check"])
    assert result.exit_code == 0, result.output


def test_update_keeps_translations_and_marks_new_strings(catalog_copy: Path) -> None:
    template = workflow.read_template(catalog_copy)
    template.add("Neuer Satz für die Prüfung.")
    with (catalog_copy / workflow.TEMPLATE).open("wb") as fh:
        write_po(fh, template)
    workflow.update(catalog_copy, ["uk"])
    problems = coverage.check(catalog_copy, ["uk"])
    assert [(p.kind, p.msgid) for p in problems] == [("missing", "Neuer Satz für die Prüfung.")]


def test_compile_leaves_fuzzy_entries_out(catalog_copy: Path) -> None:
    def fuzzy(catalog) -> None:
        catalog.get("Absenden").flags.add("fuzzy")

    edit(catalog_copy, "es", fuzzy)
    assert "es" in workflow.compile_catalogs(catalog_copy, ["es"])
    from babel.support import Translations

    mo = catalog_copy / "es" / "LC_MESSAGES" / "messages.mo"
    with mo.open("rb") as fh:
        compiled = Translations(fp=fh)
    assert compiled.gettext("Absenden") == "Absenden"  # untranslated: the app falls back
    assert compiled.gettext("Vielen Dank!") == "¡Gracias!"


def test_status_german_reviewed_everything_else_draft() -> None:
    rows = {row.code: row for row in status.report(TRANSLATIONS)}
    assert list(rows) == list(locales.CODES)
    assert rows["de"].state == "reviewed"
    assert {code for code, row in rows.items() if row.state == "reviewed"} == {"de"}
    assert all(row.complete for row in rows.values())


def test_status_command_lists_every_locale(runner) -> None:
    result = runner.invoke(args=["translations", "status"])
    assert result.exit_code == 0
    assert "ትግርኛ" in result.output and "draft" in result.output
    header, *rows = result.output.strip().splitlines()
    assert header.split() == ["LOCALE", "STATUS", "TRANSLATED", "FUZZY", "LANGUAGE", "NOTE"]
    assert len(rows) == 18
    code, state, translated, fuzzy = rows[0].split()[:4]
    assert (code, state, fuzzy) == ("de", "reviewed", "0") and "/" in translated


def test_check_wants_every_plural_form(catalog_copy: Path) -> None:
    msgid = (
        "Nach %(num)s Tag löschen wir den Kommentar.",
        "Nach %(num)s Tagen löschen wir den Kommentar.",
    )

    def drop_one_form(catalog) -> None:
        message = catalog.get(msgid)
        assert len(message.string) == 6  # Arabic: zero, one, two, few, other, many
        message.string = (*message.string[:5], "")

    edit(catalog_copy, "ar", drop_one_form)
    assert [(p.locale, p.kind) for p in coverage.check(catalog_copy)] == [("ar", "missing")]


def test_placeholders() -> None:
    assert coverage.placeholders("%(n)s von %(total)s") == ["n", "total"]
    assert coverage.placeholders("100 %% sicher") == []
    assert coverage.placeholders("100 % sicher") == ["%?"]


def test_leichte_sprache_has_its_own_wording(core_definition) -> None:
    easy = workflow.read_catalog(TRANSLATIONS, locales.get("de-easy"))
    questions = [
        easy.get(item.text, context=f"core@1:{item.code}") for item in core_definition.items
    ]
    own = [m for m in questions if m.string != m.id]
    assert len(own) >= len(questions) - 2, "Leichte Sprache is not a copy of the German text"
    for message in own:
        for sentence in message.string.replace("?", ".").split("."):
            assert len(sentence.split()) <= 12, f"long sentence: {sentence!r}"


def test_extract_and_update_without_new_strings_change_no_file(catalog_copy: Path) -> None:
    """A run on another day (or Babel version) leaves every catalog byte for byte as it was."""
    pot = catalog_copy / workflow.TEMPLATE
    dated = pot.read_text(encoding="utf-8")
    for line in ("POT-Creation-Date", "Generated-By"):
        dated = "\n".join(
            f'"{line}: 1999-01-01 00:00+0000\\n"' if row.startswith(f'"{line}:') else row
            for row in dated.split("\n")
        )
    pot.write_text(dated, encoding="utf-8")
    before = {p: p.read_bytes() for p in catalog_copy.rglob("*.po*")}
    workflow.extract(ROOT, catalog_copy)
    workflow.update(catalog_copy)
    after = {p: p.read_bytes() for p in catalog_copy.rglob("*.po*")}
    assert [p.name for p in before if before[p] != after[p]] == []
