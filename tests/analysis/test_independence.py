"""analysis is a library: importing all of it loads neither Flask nor the survey app."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "analysis.cells",
    "analysis.compare",
    "analysis.drivers",
    "analysis.headline",
    "analysis.network",
    "analysis.output",
    "analysis.periods",
    "analysis.source",
    "analysis.stats",
    "analysis.summary",
    "analysis.suppression",
    "analysis.trend",
]


def test_analysis_imports_neither_flask_nor_survey():
    code = (
        f"import sys; import {', '.join(MODULES)}; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'survey')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
