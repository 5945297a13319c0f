"""Recorded audio: ``flask translations audio import DIR``, recordings before drafts."""

from __future__ import annotations

import shutil

from survey.audio import store
from survey.form.operations import current_definition


def _recording(audio_dir, tmp_path, locale="tr", clip="overall", source="overall-5"):
    """A valid Ogg Opus file under DIR/<locale>/<clip>.opus (a draft stands in for a voice)."""
    definition = current_definition()
    folder = tmp_path / "in" / locale
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(
        store.file(audio_dir, definition.key, "tr", store.DRAFT, source), folder / f"{clip}.opus"
    )
    return tmp_path / "in"


def test_import_overrides_the_draft(runner, audio_dir, tmp_path):
    directory = _recording(audio_dir, tmp_path)
    result = runner.invoke(args=["translations", "audio", "import", str(directory)])
    assert result.exit_code == 0, result.output
    assert "1 recordings imported" in result.output
    definition = current_definition()
    assert store.states(audio_dir, definition, "tr")["overall"] == store.RECORDED
    path = store.resolve(audio_dir, definition, "tr", "overall", drafts=True)
    assert path is not None and store.RECORDED in path.parts
    status = runner.invoke(args=["translations", "audio", "status"])
    assert "tr       recorded   1  draft   8" in status.output


def test_bad_files_and_names_are_named_and_nothing_is_stored(runner, audio_dir, tmp_path):
    directory = _recording(audio_dir, tmp_path)
    (directory / "tr" / "not-a-clip.opus").write_bytes(b"OggS")
    (directory / "tr" / "trust.opus").write_bytes(b"RIFF....WAVEfmt ")
    (directory / "xx").mkdir()
    (directory / "xx" / "overall.opus").write_bytes(b"OggS")
    result = runner.invoke(args=["translations", "audio", "import", str(directory)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "nothing imported" in result.output
    assert "not-a-clip.opus: unknown clip" in result.output
    assert "trust.opus: not an Ogg Opus file" in result.output
    assert "unknown locale 'xx'" in result.output
    definition = current_definition()
    assert store.summary(audio_dir, definition, "tr").recorded == 0
    missing = runner.invoke(args=["translations", "audio", "import", str(tmp_path / "nope")])
    assert missing.exit_code != 0 and "is not a folder" in missing.output
