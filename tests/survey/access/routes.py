"""The routes of the app, and what each declares about its access."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass

from flask import Flask
from werkzeug.routing import Rule

from survey import create_app
from survey.access import PUBLIC_ENDPOINTS, AccessRule, rule_of
from survey.access.rules import NETWORK_OBJECTS, OBJECT_KINDS

#: Values for the URL arguments of public routes, by argument name.
#: "own-site" stands for the code of the test's own site.
PUBLIC_ARGUMENTS = {
    "filename": "css/base.css",
    "site": "own-site",
    "code": "own-site",
    "token": "not-a-token",
    "lang": "de",
    "clip": "intro",
}

IGNORED_METHODS = {"HEAD", "OPTIONS"}


@dataclass(frozen=True, order=True)
class Route:
    endpoint: str
    path: str
    method: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def routes_of(app: Flask) -> list[Route]:
    return sorted(
        Route(rule.endpoint, rule.rule, method)
        for rule in app.url_map.iter_rules()
        for method in sorted((rule.methods or set()) - IGNORED_METHODS)
    )


def declared_rule(app: Flask, endpoint: str) -> AccessRule | None:
    if endpoint in PUBLIC_ENDPOINTS:
        return AccessRule(None)
    return rule_of(app.view_functions[endpoint])


def problems(app: Flask) -> list[str]:
    """Routes that declare no access, or have URL arguments the declaration does not cover."""
    found = []
    for rule in app.url_map.iter_rules():
        access = declared_rule(app, rule.endpoint)
        if access is None:
            found.append(
                f"{rule.rule} ({rule.endpoint}) declares no access: use @public or @require"
            )
            continue
        arguments = set(rule.arguments)
        if access.public:
            unknown = arguments - set(PUBLIC_ARGUMENTS)
            if unknown:
                found.append(f"{rule.rule}: add sample values for {sorted(unknown)} to the test")
            continue
        covered = set(access.objects) | ({access.site_arg} if access.site_arg else set())
        if arguments != covered:
            found.append(
                f"{rule.rule}: URL arguments {sorted(arguments)} but the declaration covers "
                f"{sorted(covered)}: name the site argument or the object kind of each"
            )
    return found


def site_bound(access: AccessRule) -> bool:
    """Whether the route reads or changes the data of one particular site."""
    return access.site_arg is not None or any(
        OBJECT_KINDS[kind] not in NETWORK_OBJECTS for kind in access.objects.values()
    )


def collect_routes() -> list[Route]:
    """The routes of a fresh app, at collection time (no database needed)."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "SURVEY_CHECK_DATABASE": False,
            "SECRET_KEY": "collect",
            "INSTANCE_PATH": tempfile.mkdtemp(prefix="survey-routes-"),
        }
    )
    return routes_of(app)


def rule_object(app: Flask, route: Route) -> Rule:
    for rule in app.url_map.iter_rules():
        if rule.rule == route.path and rule.endpoint == route.endpoint:
            return rule
    raise LookupError(route)
