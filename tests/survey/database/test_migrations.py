from __future__ import annotations

import uuid
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from survey.database import migrations
from survey.models import metadata
from survey.questionnaires.models import Item, Questionnaire
from survey.questionnaires.operations import find
from survey.responses import tallies
from survey.responses.operations import ItemIndex, NewResponse, record
from survey.responses.tallies import AnswerTally, MonthTally
from survey.sites.operations import add_site

from ..responses.checks import assert_tallies_match_recount


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_builds_schema_from_empty_and_publishes_core(empty_engine):
    assert _tables(empty_engine) == set()
    published = migrations.upgrade(empty_engine)
    assert published == ["core@1"]
    assert _tables(empty_engine) == set(metadata.tables)
    assert migrations.current(empty_engine) == migrations.head()
    with Session(empty_engine) as session:
        assert session.scalar(select(func.count()).select_from(Questionnaire)) == 1
        assert session.scalar(select(func.count()).select_from(Item)) == 14


def test_upgrade_is_idempotent(empty_engine):
    migrations.upgrade(empty_engine)
    assert migrations.upgrade(empty_engine) == []
    with Session(empty_engine) as session:
        assert session.scalar(select(func.count()).select_from(Questionnaire)) == 1


def test_downgrade_to_base_and_back(empty_engine):
    migrations.upgrade(empty_engine)
    migrations.downgrade(empty_engine, "base")
    assert _tables(empty_engine) == set()
    migrations.upgrade(empty_engine)
    assert _tables(empty_engine) == set(metadata.tables)


def test_models_and_migrations_agree(empty_engine):
    """A model change without a migration fails here (schema drift)."""
    migrations.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_require_current_names_the_command(empty_engine):
    with pytest.raises(migrations.SchemaOutdated, match="db upgrade"):
        migrations.require_current(empty_engine)
    migrations.upgrade(empty_engine)
    migrations.require_current(empty_engine)


def test_cli_upgrade(runner):
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"at revision {migrations.head()}" in result.output
    result = runner.invoke(args=["db", "current"])
    assert result.output.strip() == f"database: {migrations.head()}  code: {migrations.head()}"


def test_0006_fills_the_first_visit_rows_from_the_raw_answers(empty_engine):
    migrations.upgrade(empty_engine)
    with Session(empty_engine) as session, session.begin():
        sites = [add_site(session, code, code).id for code in ("A", "B")]
        qid = find(session, "core@1").id
    with empty_engine.begin() as conn:
        items = ItemIndex.load(conn, qid)
        for k in range(60):
            answers = {"visits": (1 + k % 3,), "resolved": (1 + k % 4 % 3,), "topic": (k % 6,)}
            if k % 5 == 0:
                del answers["topic"]
            if k % 7 == 0:
                del answers["resolved"]
            response = NewResponse(
                id=uuid.UUID(int=k + 1),
                site_id=sites[k % 2],
                channel=("kiosk", "online", "paper")[k % 3],
                locale=("de", "ar")[k % 2],
                day=date(2016, 1 + k % 4, 1 + k % 28),
                answers={code: v for code, v in answers.items() if v != (0,)},
                flagged=k % 11 == 10,
            )
            record(conn, response, items)
    reserved = {}
    for table in (AnswerTally.__table__, MonthTally.__table__):
        query = select(func.sum(table.c.n)).where(table.c.value >= tallies.FIRST_VISIT)
        reserved[table.name] = query
    with empty_engine.connect() as conn:
        written = {name: conn.scalar(q) for name, q in reserved.items()}
    assert written["tally_answer"] == written["tally_month"] > 5

    # back to 0005: the rows are gone (as before this revision), the rest is untouched
    migrations.downgrade(empty_engine, "0005")
    with empty_engine.connect() as conn:
        assert {name: conn.scalar(q) for name, q in reserved.items()} == {
            "tally_answer": None,
            "tally_month": None,
        }
        with pytest.raises(AssertionError, match="differs from the recount"):
            assert_tallies_match_recount(conn)
    # upgrading fills them from the raw answers: exactly what the write path had counted
    migrations.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        assert {name: conn.scalar(q) for name, q in reserved.items()} == written
        assert_tallies_match_recount(conn)
