"""``flask translations extract|update|compile|check|status``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from survey import ROOT

from . import coverage, status, workflow
from .catalogs import translations_dir

translations_cli = AppGroup(
    "translations", help="Gettext catalogs: extract, update, compile, check, status."
)

_locale_option = click.option(
    "--locale", "-l", "codes", multiple=True, help="Only this locale (repeatable), e.g. fa-AF."
)


def _directory() -> Path:
    return translations_dir(current_app)


@translations_cli.command("extract")
def extract_command() -> None:
    """Collect UI strings and questionnaire wording into messages.pot."""
    template = workflow.extract(ROOT, _directory())
    click.echo(f"{len(template)} messages written to {_directory() / workflow.TEMPLATE}")


@translations_cli.command("update")
@_locale_option
def update_command(codes: tuple[str, ...]) -> None:
    """Merge messages.pot into the catalogs (new or changed strings become missing or fuzzy)."""
    for code in workflow.update(_directory(), codes or None):
        click.echo(f"updated {code}")


@translations_cli.command("compile")
@_locale_option
def compile_command(codes: tuple[str, ...]) -> None:
    """Compile the catalogs to .mo files (fuzzy entries are left out)."""
    done = workflow.compile_catalogs(_directory(), codes or None)
    click.echo(f"compiled {len(done)} catalogs: {' '.join(done)}")


@translations_cli.command("check")
@_locale_option
def check_command(codes: tuple[str, ...]) -> None:
    """Fail when a locale misses a string, has a fuzzy one or a wrong placeholder."""
    problems = coverage.check(_directory(), codes or None)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problems in the catalogs")
    click.echo("all catalogs complete")


@translations_cli.command("status")
def status_command() -> None:
    """Per locale: draft or reviewed, and how much is translated."""
    click.echo(f"{'LOCALE':8} {'STATUS':9} {'TRANSLATED':10} {'FUZZY':5} {'LANGUAGE'}  NOTE")
    for row in status.report(_directory()):
        done = f"{row.translated}/{row.total}"
        click.echo(
            f"{row.code:8} {row.state:9} {done:10} {row.fuzzy:<5} {row.native}  {row.note}".rstrip()
        )


@translations_cli.command("fonts")
def fonts_command() -> None:
    """Rebuild the web-font subsets from Debian's fonts-noto-core."""
    from . import fonts

    for path in fonts.build():
        click.echo(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


def _attach_audio() -> None:
    from survey.audio.cli import audio_cli

    translations_cli.add_command(audio_cli)


_attach_audio()
