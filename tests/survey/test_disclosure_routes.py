"""Every route and every command is classified against the disclosure policy.

The URL map and the CLI are read, not listed by hand: a new route or command
fails here until it is classified. "figures" outputs must be built by analysis
modules that take their cells from :mod:`analysis.disclosure`; the others say
why they show no protected figure.
"""

from __future__ import annotations

import importlib
import inspect

import click

FIGURES = "figures through analysis.disclosure"
#: each "figures" output and the analysis modules it is built from
BUILT_FROM = {
    "dashboard": ["summary", "headline", "trend", "compare", "network", "drivers", "mix"],
    "reports": ["reports.site", "reports.network"],
    "analysis": ["summary", "headline", "trend", "compare", "network", "drivers"],
    "report": ["reports.site", "reports.network"],
    "alerts": ["alerts"],
    "effects": ["effects.estimate"],
    "start": ["headline"],
}

ROUTES = {
    **{
        f"dashboard.{name}": FIGURES
        for name in (
            "lead", "lead_breakdown_csv", "lead_drivers_csv", "lead_headline_csv",
            "lead_profile_csv", "lead_trend_csv", "network", "network_caterpillar_csv",
            "network_heatmap_csv", "network_mix_csv", "network_multiples_csv", "waves",
            "waves_csv",
        )
    },
    "dashboard.comments": "comments: cells of 10 or more, hidden where the policy hides the group",
    **{
        f"effects.{name}": FIGURES
        for name in ("catalogue", "catalogue_csv", "site_effects", "site_effects_csv",
                     "measure_effects")
    },
    "start.index": FIGURES,
    "audio.clip": "the questionnaire's audio: no answers",
    "audio.kiosk_clip": "the questionnaire's audio: no answers",
    **{
        f"reports.{name}": FIGURES
        for name in ("network_download", "network_job", "network_report", "site_download",
                     "site_job", "site_report")
    },
    **{
        f"exports.{name}": "response-level: month-level k-anonymous file for staff, days only "
        "with EXPORTS_DAYS, a purpose and the audit log"
        for name in ("scope_download", "scope_export", "scope_job", "site_download",
                     "site_export", "site_job")
    },
    "alerts.rules": FIGURES,
    "alerts.save": "a form: no figures",
    "alerts.delete": "a form: no figures",
    "admin.comments": "comments for the administration (deletion), no figures",
    "measures.index": "the site's own measures: no answers",
    "measures.add": "a form: no figures",
    "measures.delete": "a form: no figures",
    "measures.edit": "a form: no figures",
    "measures.update": "a form: no figures",
    "static": "files",
}  # fmt: skip
NO_FIGURES = (
    "accounts.", "admin.", "form.", "form_staff.", "health.", "home.", "kiosk.", "kiosk_api.",
)  # fmt: skip

COMMANDS = {
    **{f"analysis {name}": FIGURES for name in (
        "compare", "drivers", "headline", "sites", "summary", "trend", "versus")},
    "analysis effects": FIGURES,
    "report network": FIGURES,
    "report site": FIGURES,
    "alerts check": FIGURES,
    "responses export": "response-level: month-level k-anonymous file unless --purpose",
}  # fmt: skip
NO_FIGURE_COMMANDS = (
    "db ", "demo", "invitations ", "kiosk ", "measures ", "poster", "questionnaires ",
    "report clean", "report worker", "responses import", "retention ", "sites ",
    "translations ", "users ",
)  # fmt: skip


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            out += _commands(command, f"{prefix}{name} ")
        else:
            out.append(prefix + name)
    return out


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    unclassified = sorted(e for e in endpoints if e not in ROUTES and not e.startswith(NO_FIGURES))
    assert not unclassified, f"classify these routes under the disclosure policy: {unclassified}"
    assert not sorted(set(ROUTES) - endpoints), "classified routes that no longer exist"


def test_every_command_is_classified(app):
    commands = set(_commands(app.cli))
    unclassified = sorted(
        c for c in commands if c not in COMMANDS and not c.startswith(NO_FIGURE_COMMANDS)
    )
    assert not unclassified, f"classify these commands under the disclosure policy: {unclassified}"
    assert not sorted(set(COMMANDS) - commands)


def test_figures_come_from_modules_that_use_the_policy():
    policy = (
        "from .disclosure", "from ..disclosure", "from .cells", "from .summary",
        "from ..summary", "from .suppression", "from ..suppression", "from .headline",
        "from ..headline",
    )  # fmt: skip
    for modules in BUILT_FROM.values():
        for name in modules:
            text = inspect.getsource(importlib.import_module(f"analysis.{name}"))
            assert any(marker in text for marker in policy), name
