"""``flask translations audio generate|import|status``."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from survey.form.operations import current_definition
from survey.i18n import locales

from . import draft, recorded, store
from .paths import audio_root

audio_cli = AppGroup("audio", help="Audio of the questionnaire: drafts, recordings, status.")


def _codes(given: tuple[str, ...]) -> list[str]:
    codes = []
    for value in given:
        code = locales.normalize(value)
        if code is None:
            raise click.ClickException(f"unknown locale {value!r}")
        codes.append(code)
    return codes


@audio_cli.command("generate")
@click.option("--locale", "-l", "given", multiple=True, help="Only this locale (repeatable).")
@click.option("--clip", "only", multiple=True, help="Only this clip, e.g. overall-full.")
@click.option("--overwrite", is_flag=True, help="Speak existing drafts again.")
def generate_command(given: tuple[str, ...], only: tuple[str, ...], overwrite: bool) -> None:
    """Draft audio with espeak-ng for the locales it has a voice for."""
    definition = current_definition()
    codes = _codes(given) or list(draft.VOICES)
    try:
        done = draft.generate(
            audio_root(), definition, codes, only=only or None, overwrite=overwrite
        )
    except draft.DraftFailed as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{len(done.written)} drafts written, {len(done.skipped)} clips without a voice "
               "or a translation")  # fmt: skip


@audio_cli.command("import")
@click.argument("directory", type=click.Path(path_type=Path))
def import_command(directory: Path) -> None:
    """Import recordings DIRECTORY/<locale>/<clip>.opus (see docs/translations.md)."""
    try:
        done = recorded.import_dir(audio_root(), current_definition(), directory)
    except recorded.ImportFailed as exc:
        raise click.ClickException(f"nothing imported: {exc}") from None
    click.echo(f"{len(done.stored)} recordings imported")


@audio_cli.command("status")
def status_command() -> None:
    """Per locale: clips recorded, draft, missing."""
    definition = current_definition()
    for info in locales.LOCALES:
        found = store.summary(audio_root(), definition, info.code)
        click.echo(f"{info.code:8} recorded {found.recorded:3}  draft {found.draft:3}  "
                   f"missing {found.missing:3}")  # fmt: skip
