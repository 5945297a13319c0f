from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from survey.database import db

from .definition import DefinitionError, load_file
from .models import Questionnaire
from .operations import VersionConflict, publish, publish_builtin

questionnaires_cli = AppGroup("questionnaires", help="Versioned questionnaire definitions.")


@questionnaires_cli.command("publish")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def publish_command(files: tuple[Path, ...]) -> None:
    """Load definition FILES (TOML) into the database; without FILES, the built-in ones.

    Publishing the same content again changes nothing; a changed wording under an
    existing version is refused (publish it as a new version).
    """
    try:
        if not files:
            keys = publish_builtin(db.session)
        else:
            keys = []
            for path in files:
                questionnaire, new = publish(db.session, load_file(path))
                if new:
                    keys.append(questionnaire.key)
    except (DefinitionError, VersionConflict) as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo("\n".join(f"Published {key}." for key in keys) or "Nothing new to publish.")


@questionnaires_cli.command("list")
def list_command() -> None:
    """Published versions with their item count and checksum."""
    rows = db.session.scalars(
        select(Questionnaire).order_by(Questionnaire.code, Questionnaire.version)
    )
    for q in rows:
        click.echo(f"{q.key:10} {len(q.items):3} items  {q.checksum[:12]}  {q.title}")
