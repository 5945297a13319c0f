"""A small set of espeak-ng drafts, generated once per test session (a few seconds):
Turkish and Arabic, the introduction and the ``overall`` item. The full set (every
clip in 13 locales, some minutes) is made at setup by ``flask translations audio
generate``, not in tests."""

from __future__ import annotations

import shutil
import subprocess
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from survey import create_app
from survey.audio import draft
from survey.database import db
from survey.form.operations import current_definition
from tests.survey.staff import isolated_requests, make_user  # noqa: F401 - fixtures

LOCALES = ("tr", "ar")
CLIPS = ("intro", "overall", *(f"overall-{v}" for v in range(1, 6)), "overall-full", "comment")


@pytest.fixture(scope="session")
def drafted(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("espeak-ng") is None or shutil.which("opusenc") is None:
        pytest.fail("espeak-ng and opus-tools are needed (./dev installs them)")
    root = tmp_path_factory.mktemp("audio")
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url,
                      "INSTANCE_PATH": str(root / "instance"),
                      "SURVEY_CHECK_DATABASE": False})  # fmt: skip
    with app.app_context():
        draft.generate(root / "audio", current_definition(), LOCALES, only=CLIPS)
        db.engine.dispose()  # no connection left for the garbage collector
    return root / "audio"


@pytest.fixture
def audio_dir(app: Flask, drafted: Path) -> Iterator[Path]:
    """The app's audio folder, holding a copy of the session's drafts."""
    target = Path(app.config["SURVEY_AUDIO_DIR"])
    shutil.copytree(drafted, target, dirs_exist_ok=True)
    yield target


def decoded_seconds(path: Path, tmp: Path) -> float:
    """Decode ``path`` with opusdec (opus-tools) and return the length of the audio."""
    wav = tmp / (path.stem + ".wav")
    subprocess.run(["opusdec", "--quiet", str(path), str(wav)], check=True, capture_output=True)
    with wave.open(str(wav)) as fh:
        return fh.getnframes() / fh.getframerate()
