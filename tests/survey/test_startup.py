"""Start-up: the app factory and the CLI's command list import no statistics, plotting
or PDF library (they cost most of a second; a request or command that needs one imports
it then). Checked in a fresh interpreter, since this test process has imported them all."""

from __future__ import annotations

import json
import subprocess
import sys

from survey import ROOT

HEAVY = ("numpy", "scipy", "statsmodels", "pandas", "plotly", "kaleido", "weasyprint", "alembic")

FACTORY = """
import json, sys
from survey import create_app
app = create_app({"SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
with app.app_context():
    names = sorted(app.cli.list_commands(None))  # what `flask --help` lists
print(json.dumps({"commands": names, "heavy": [m for m in %r if m in sys.modules]}))
"""


def _run(code: str, tmp_path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code % (HEAVY,)],
        cwd=ROOT,
        env={"SURVEY_INSTANCE_PATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def test_factory_and_cli_registration_import_no_heavy_library(tmp_path):
    result = _run(FACTORY, tmp_path)
    assert {"analysis", "demo", "report", "responses"} <= set(result["commands"])
    assert result["heavy"] == []


def test_deferred_module_imports_on_first_use():
    from analysis.deferred import deferred

    stand_in = deferred("json")
    assert "not imported yet" in repr(stand_in)
    assert stand_in.dumps([1]) == "[1]"
    assert "(imported)" in repr(stand_in)
