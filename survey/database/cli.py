from __future__ import annotations

from typing import TYPE_CHECKING

import click
from flask.cli import AppGroup

from analysis.deferred import deferred

from . import db
from .engine import masked

if TYPE_CHECKING:
    from . import migrations
else:  # Alembic (with Mako and Pygments) only for the db commands, not for every command
    migrations = deferred("survey.database.migrations")

db_cli = AppGroup("db", help="Create and migrate the database schema (Alembic).")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade_command(revision: str) -> None:
    """Create or migrate the schema and publish the built-in questionnaires."""
    published = migrations.upgrade(db.engine, revision)
    click.echo(f"Database {masked(db.engine.url)} at revision {migrations.current(db.engine)}.")
    for key in published:
        click.echo(f"Published questionnaire {key}.")


@db_cli.command("downgrade")
@click.argument("revision")
def downgrade_command(revision: str) -> None:
    """Migrate the schema down to REVISION (e.g. ``base``)."""
    migrations.downgrade(db.engine, revision)
    click.echo(f"Database at revision {migrations.current(db.engine)}.")


@db_cli.command("current")
def current_command() -> None:
    """Show the schema revision of the database and of the code."""
    click.echo(f"database: {migrations.current(db.engine)}  code: {migrations.head()}")


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
@click.option("--empty", is_flag=True, help="Do not compare the models with the database.")
def revision_command(message: str, empty: bool) -> None:
    """Write a new migration, by default from the difference of models and database."""
    migrations.revision(db.engine, message, autogenerate=not empty)
