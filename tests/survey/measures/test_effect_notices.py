"""The notices of the effects come from analysis as codes; the pages print them in the
page's language (German or English), never analysis's English on a German page."""

from __future__ import annotations

from analysis.effects import notices
from analysis.effects.notices import Notice
from analysis.reports.effect_texts import MESSAGES, MIX, describe
from survey.dashboard.cache import clear
from survey.database import db
from survey.effects import operations
from survey.effects.operations import catalogue
from tests.survey.staff import sign_in


def test_every_code_has_an_english_text_and_a_german_msgid():
    codes = {v for k, v in vars(notices).items() if k.isupper() and isinstance(v, str)}
    codes -= set(notices.ENGLISH.values())
    assert codes == set(notices.ENGLISH) == set(MESSAGES) | {code for code, _ in MIX}
    assert {dimension for _, dimension in MIX} == {"channel", "topic"}
    shift = Notice(notices.MIX_CHANGED, {"dimension": "channel", "shift": 0.25, "adjusted": False})
    assert notices.english(shift) == (
        "the channel mix changed (25% of answers moved); it is NOT adjusted"
    )
    german = describe(shift, lambda s: s, lambda v: f"{100 * v:.0f} %")
    assert german == (
        "Der Kanalmix hat sich verändert (25 % der Antworten verschoben); "
        "die Schätzung ist darum NICHT bereinigt"
    )


def test_catalogue_pages_translate_the_notices(app, demo, make_user):
    clear()
    result = catalogue(db.engine)
    rows = [r for r in result.rows if r.notices]
    assert rows and all(len(r.notices) == len(r.warnings) for r in result.rows)
    pairs = [pair for r in rows for pair in zip(r.notices, r.warnings, strict=True)]
    assert all(notices.english(n) == w for n, w in pairs)
    provider = app.test_client()
    sign_in(provider, make_user("pv", "provider"))
    german = provider.get("/dashboard/effects").get_data(as_text=True)
    english = provider.get("/dashboard/effects?lang=en").get_data(as_text=True)
    seen = {w for r in rows for w in r.warnings}
    for warning in seen:
        assert warning not in german
    with app.test_request_context("/?lang=de"):
        texts = {operations.notice(n) for r in rows for n in r.notices}
    assert any(t in german for t in texts)
    assert "Die Verteilung der Anliegen kann nicht" in german
    assert "The topic mix cannot be shown" in english
