"""Schema migrations with Alembic, plus the built-in data a fresh database needs."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from survey.questionnaires.operations import publish_builtin

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> list[str]:
    """Migrate the schema, then publish the built-in questionnaires.

    Returns the questionnaire versions that were newly published.
    """
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
    if revision != "head":
        return []
    with Session(engine) as session, session.begin():
        return publish_builtin(session)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


class SchemaOutdated(RuntimeError):
    pass


def require_current(engine: Engine) -> None:
    """Raise :class:`SchemaOutdated` unless the database is at the code's revision."""
    have, want = current(engine), head()
    if have != want:
        raise SchemaOutdated(
            f"the database schema is at revision {have or 'none (empty database)'}, "
            f"the code needs {want}: run `flask --app wsgi db upgrade` first"
        )


def revision(engine: Engine, message: str, autogenerate: bool = True) -> None:
    with engine.begin() as conn:
        command.revision(alembic_config(conn), message=message, autogenerate=autogenerate)
