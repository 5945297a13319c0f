from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from survey.database import db
from survey.questionnaires import published
from survey.questionnaires.definition import MAX_OPTIONS, NA_TOKEN, DefinitionError, parse
from survey.questionnaires.models import Questionnaire
from survey.questionnaires.operations import VersionConflict, publish
from survey.responses import submission, tallies
from survey.responses.models import NOT_APPLICABLE

CORE_ORDER = [
    "topic",
    "overall",
    "resolved",
    "visits",
    "appointment",
    "waiting",
    "friendly",
    "understood",
    "fair",
    "communication",
    "referral",
    "trust",
    "improve",
    "comment",
]


def test_core_matches_methodology(core_definition):
    d = core_definition
    assert d.key == "core@1"
    assert [i.code for i in d.items] == CORE_ORDER
    sizes = {i.code: i.max_value for i in d.items}
    assert sizes == {
        "topic": 5,
        "overall": 5,
        "resolved": 3,
        "visits": 3,
        "appointment": 5,
        "waiting": 5,
        "friendly": 5,
        "understood": 5,
        "fair": 5,
        "communication": 3,
        "referral": 4,
        "trust": 5,
        "improve": 8,
        "comment": None,
    }
    assert [i.code for i in d.items if i.allow_na] == ["appointment"]
    assert d.item("improve").kind == "multi"
    assert d.item("overall").options[0] == "sehr unzufrieden"
    assert d.item("trust").options[-1] == "stimme voll zu"
    assert d.item("referral").options[3] == "nein, hätte ich gebraucht"


@pytest.mark.parametrize(
    ("raw", "answers", "errors"),
    [
        ({"overall": "5", "topic": 2}, {"overall": (5,), "topic": (2,)}, {}),
        ({"overall": ""}, {}, {}),
        ({"appointment": "NA"}, {"appointment": (NOT_APPLICABLE,)}, {}),
        ({"improve": "1;5"}, {"improve": (1, 5)}, {}),
        ({"improve": ["5", "1", "5"]}, {"improve": (1, 5)}, {}),
        ({"overall": "6"}, {}, {"overall": "out_of_range"}),
        ({"overall": "0"}, {}, {"overall": "out_of_range"}),
        ({"overall": "-1"}, {}, {"overall": "not_a_number"}),
        (
            {"overall": "٤"},
            {},
            {"overall": "not_a_number"},
        ),  # Arabic-Indic digit: not a stored value
        ({"overall": True}, {}, {"overall": "not_a_number"}),
        ({"overall": 4.0}, {}, {"overall": "not_a_number"}),
        ({"overall": "na"}, {}, {"overall": "na_not_allowed"}),
        ({"overall": ["3", "4"]}, {}, {"overall": "one_value_only"}),
        ({"appointment": "na;3"}, {}, {"appointment": "one_value_only"}),
        ({"shoe_size": "3"}, {}, {"shoe_size": "unknown_item"}),
        ({"comment": 5}, {}, {"comment": "not_text"}),
    ],
)
def test_validate(core_definition, raw, answers, errors):
    result = core_definition.validate(raw)
    assert result.answers == answers
    assert result.errors == errors
    assert result.ok is not errors


def test_comment_length(core_definition):
    assert core_definition.validate({"comment": "  x " * 1}).comment == "x"
    assert core_definition.validate({"comment": "   "}).comment is None
    assert core_definition.validate({"comment": "ك" * 2000}).ok
    assert core_definition.validate({"comment": "ك" * 2001}).errors == {"comment": "too_long"}


def test_na_token_is_lowercase_na():
    assert NA_TOKEN == "na"


def test_parse_rejects_broken_definitions(core_definition):
    raw = dict(core_definition.raw)
    with pytest.raises(DefinitionError, match="unique"):
        parse({**raw, "items": [*raw["items"], raw["items"][0]]})
    with pytest.raises(DefinitionError, match="missing key"):
        parse({k: v for k, v in raw.items() if k != "title"})
    with pytest.raises(DefinitionError, match="kind"):
        parse({**raw, "items": [{**raw["items"][0], "kind": "slider"}]})


def test_answer_values_stay_below_the_tallies_reserved_range(core_definition):
    raw = dict(core_definition.raw)
    resolved = next(i for i in raw["items"] if i["code"] == "resolved")
    many = [{**resolved, "options": [f"o{k}" for k in range(MAX_OPTIONS + 1)]}]
    with pytest.raises(DefinitionError, match=f"at most {MAX_OPTIONS}"):
        parse({**raw, "items": many})
    assert parse({**raw, "items": [{**resolved, "options": ["x"] * MAX_OPTIONS}]})
    assert MAX_OPTIONS < tallies.FIRST_VISIT


def test_publish_same_version_twice_is_a_no_op(app, core_definition):
    questionnaire, new = publish(db.session, core_definition)
    assert not new
    assert questionnaire.key == "core@1"


def test_changed_wording_needs_a_new_version(app, core_definition):
    items = [dict(i) for i in core_definition.raw["items"]]
    items[1]["text"] = "Wie zufrieden waren Sie heute?"
    changed = parse({**core_definition.raw, "items": items})
    with pytest.raises(VersionConflict, match="version 2"):
        publish(db.session, changed)
    db.session.rollback()
    v2 = dataclasses.replace(parse({**changed.raw, "version": 2}))
    questionnaire, new = publish(db.session, v2)
    db.session.commit()
    assert new and questionnaire.key == "core@2"
    versions = db.session.scalars(select(Questionnaire.version).order_by(Questionnaire.version))
    assert list(versions) == [1, 2]


def _latest_key(engine) -> str | None:
    with engine.connect() as conn:
        found = submission.current_questionnaire(conn)
    return found.key if found else None


def test_a_new_version_is_used_at_once_here_and_within_seconds_elsewhere(
    app, core_definition, monkeypatch
):
    """Which version "the latest" names is cached per process: the publishing process
    forgets at once; another process looks again after RESOLVE_SECONDS."""
    assert _latest_key(db.engine) == "core@1"
    publish(db.session, parse({**core_definition.raw, "version": 2}))
    db.session.commit()
    assert _latest_key(db.engine) == "core@2"  # published in this process: at once
    # published by another process (whose forgetting does not reach this one) …
    monkeypatch.setattr(published, "forget", lambda: None)
    publish(db.session, parse({**core_definition.raw, "version": 3}))
    db.session.commit()
    assert _latest_key(db.engine) == "core@2"  # … this one trusts its lookup a while
    monkeypatch.setattr(published, "RESOLVE_SECONDS", 0.0)
    published._RESOLVED.clear()  # (as when RESOLVE_SECONDS have passed)
    assert _latest_key(db.engine) == "core@3"
