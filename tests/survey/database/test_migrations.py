from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, func, inspect, select
from sqlalchemy.orm import Session

from survey.database import migrations
from survey.database.engine import configure_engine, normalise_url
from survey.models import metadata
from survey.questionnaires.models import Item, Questionnaire

from ...databases import fresh_database


@pytest.fixture
def empty_engine(tmp_path):
    with fresh_database(tmp_path) as url:
        engine = create_engine(normalise_url(url))
        configure_engine(engine)
        yield engine
        engine.dispose()


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
