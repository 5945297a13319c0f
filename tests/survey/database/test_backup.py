"""The documented backup and restore (deploy/backup.sh) really restores the data."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from survey.database import db
from survey.database.engine import normalise_url
from survey.demo.operations import load
from survey.models import metadata

from ...databases import postgres_database
from ..responses.checks import assert_tallies_match_recount

SCRIPT = Path(__file__).resolve().parents[3] / "deploy" / "backup.sh"


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.scalar(select(func.count()).select_from(t)) for t in metadata.sorted_tables
        }


@pytest.mark.postgres_only
def test_dump_and_restore_round_trip(app, tmp_path):
    load(db.session, responses=400, seed=11)
    db.session.commit()
    source = db.engine.url.render_as_string(hide_password=False)
    dumped = subprocess.run(
        ["bash", str(SCRIPT), "dump", source, str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(dumped).is_file() and not list(tmp_path.glob("*.partial"))
    with postgres_database("survey_restore") as target_url:
        subprocess.run(
            ["bash", str(SCRIPT), "restore", target_url, dumped], check=True, capture_output=True
        )
        restored = create_engine(normalise_url(target_url))
        try:
            assert _counts(restored) == _counts(db.engine)
            assert _counts(restored)["response"] > 300
            with restored.connect() as conn:
                assert_tallies_match_recount(conn)
        finally:
            restored.dispose()


@pytest.mark.postgres_only
def test_rotation_keeps_newest(app, tmp_path):
    source = db.engine.url.render_as_string(hide_password=False)
    for stamp in ("20160101-000000", "20160102-000000", "20160103-000000"):
        (tmp_path / f"survey-{stamp}.dump").write_bytes(b"old")
    subprocess.run(
        ["bash", str(SCRIPT), "dump", source, str(tmp_path)],
        check=True,
        capture_output=True,
        env={"KEEP": "2", "PATH": "/usr/bin:/bin"},
    )
    assert len(list(tmp_path.glob("survey-*.dump"))) == 2
