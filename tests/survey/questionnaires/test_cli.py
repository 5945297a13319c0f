from __future__ import annotations

from pathlib import Path

from survey.questionnaires.definition import BUILTIN_DIR


def test_publish_builtin_is_idempotent(runner) -> None:
    result = runner.invoke(args=["questionnaires", "publish"])
    assert result.exit_code == 0, result.output
    assert "Nothing new to publish." in result.output  # db upgrade published core@1 already
    listed = runner.invoke(args=["questionnaires", "list"])
    assert "core@1" in listed.output and "14 items" in listed.output


def test_new_version_is_published_changed_wording_refused(runner, tmp_path: Path) -> None:
    source = (BUILTIN_DIR / "core-1.toml").read_text(encoding="utf-8")
    changed = tmp_path / "core-1-changed.toml"
    changed.write_text(source.replace("Worum ging es heute?", "Worum ging es?"), encoding="utf-8")
    refused = runner.invoke(args=["questionnaires", "publish", str(changed)])
    assert refused.exit_code == 1
    assert "already published with different content" in refused.output
    v2 = tmp_path / "core-2.toml"
    v2.write_text(
        source.replace("version = 1", "version = 2").replace(
            "Worum ging es heute?", "Worum ging es?"
        ),
        encoding="utf-8",
    )
    published = runner.invoke(args=["questionnaires", "publish", str(v2)])
    assert published.exit_code == 0, published.output
    assert "Published core@2." in published.output
    listed = runner.invoke(args=["questionnaires", "list"]).output
    assert "core@1" in listed and "core@2" in listed
