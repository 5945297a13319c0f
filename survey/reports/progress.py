"""A report job's progress line, as the status page shows it: translated, never raw.

The report command logs its stages in English for the CLI (``… analysis``, ``… charts
(12 sites)``, ``… pdf``); the web names the step in the reader's language instead.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from survey.i18n import _l

STAGE = re.compile(r"^…\s*(\w+)")
STEPS = {
    "analysis": _l("Antworten werden ausgewertet"),
    "charts": _l("Diagramme werden gezeichnet"),
    "pdf": _l("Seiten werden gesetzt"),
}


def step_text(line: str) -> str:
    """``Schritt 2 von 3: Diagramme …`` for a stage line; empty for anything else."""
    match = STAGE.match(line.strip())
    if match is None or match.group(1) not in STEPS:
        return ""
    names = list(STEPS)
    stage = match.group(1)
    return _(
        "Schritt %(n)s von %(total)s: %(step)s",
        n=names.index(stage) + 1,
        total=len(names),
        step=STEPS[stage],
    )
