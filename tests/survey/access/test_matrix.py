"""Every route × every role × own and foreign site.

The routes are read from the app's URL map, so a route added later is tested
here without anyone remembering to: it fails until it declares its access
(``@public`` or ``@require``), and then it is checked for every role on the
own and on a foreign site. Foreign data must be refused (404), and no page a
site-bound user may open shows another site's comments or devices.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from flask import Flask

from survey.access import AccessRule, can
from survey.alerts.models import AlertRule
from survey.database import db
from survey.kiosk.models import KioskDevice
from survey.measures.models import Measure
from tests.survey.staff import sign_in

from .routes import (
    PUBLIC_ARGUMENTS,
    Route,
    collect_routes,
    declared_rule,
    problems,
    routes_of,
    rule_object,
    site_bound,
)

ROLES = ("anonymous", "viewer", "lead", "provider", "admin")
ROUTES = collect_routes()


@dataclass
class World:
    clients: dict[str, Any]
    #: kind → (own value, foreign value)
    samples: dict[str, tuple[Any, Any]]
    #: text that must never reach a page of a user who may not see it
    own_comment: str
    foreign_comment: str
    foreign_device: str
    #: a measure label and an alert recipient of the foreign site
    foreign_site_notes: tuple[str, ...] = ()


@pytest.fixture
def world(make_app, make_site, make_response, make_user) -> World:
    own, foreign = make_site("AA", "Amtstadt"), make_site("BB", "Bergstadt")
    for site in (own, foreign):
        for i in range(10):
            comment = f"Kommentar-Geheimnis-{site.code}" if i == 0 else None
            make_response(site, day=date(2016, 3, 1 + i), comment=comment)
    devices, measures = {}, {}
    for site in (own, foreign):
        device = KioskDevice(
            site_id=site.id, label=f"Geraet-Geheimnis-{site.code}", token_hash=uuid.uuid4().hex
        )
        db.session.add(device)
        db.session.commit()
        devices[site.code] = device.id
        measure = Measure(site_id=site.id, day=date(2016, 3, 5), label=f"Massnahme-{site.code}")
        db.session.add(measure)
        db.session.flush()
        measures[site.code] = measure.id
        db.session.add(
            AlertRule(
                site_id=site.id,
                kind="csat_below",
                threshold=0.99,
                last_n=30,
                recipients=f"empfaenger-{site.code.lower()}@amt.example",
            )
        )
        db.session.commit()
    users = {
        "admin": make_user("admin", "admin", totp=True),
        "provider": make_user("provider", "provider"),
        "lead": make_user("lead", "lead", [own]),
        "viewer": make_user("viewer", "viewer", [own]),
    }
    target = make_user("target", "viewer", [foreign])
    app = make_app(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    clients = {"anonymous": app.test_client()}
    for role, user in users.items():
        clients[role] = app.test_client()
        response = sign_in(clients[role], user)
        assert response.status_code == 302 and response.location == "/start", role
    return World(
        clients=clients,
        samples={
            "site": ("AA", "BB"),
            "device": (devices["AA"], devices["BB"]),
            "measure": (measures["AA"], measures["BB"]),
            "user": (target.id, target.id),
        },
        own_comment="Kommentar-Geheimnis-AA",
        foreign_comment="Kommentar-Geheimnis-BB",
        foreign_device="Geraet-Geheimnis-BB",
        foreign_site_notes=("Massnahme-BB", "empfaenger-bb@amt.example"),
    )


def test_every_route_declares_its_access(app):
    assert problems(app) == []
    assert routes_of(app) == ROUTES


def test_an_undeclared_route_is_found_and_refused(make_app):
    app = make_app()
    app.add_url_rule("/sneaky/<site>", "sneaky", lambda site: f"data of {site}")
    assert any("sneaky" in problem for problem in problems(app))
    assert app.test_client().get("/sneaky/AA").status_code == 403


def url_for_route(app: Flask, route: Route, access: AccessRule, variant: str, world: World) -> str:
    rule = rule_object(app, route)
    values: dict[str, Any] = {}
    for argument in rule.arguments:
        if access.public:
            sample = PUBLIC_ARGUMENTS[argument]
            values[argument] = "AA" if sample == "own-site" else sample
        else:
            kind = "site" if argument == access.site_arg else access.objects[argument]
            own, foreign = world.samples[kind]
            values[argument] = own if variant == "own" else foreign
    built = rule.build(values, append_unknown=False)
    assert built is not None, route
    return built[1]


def expected(access: AccessRule, role: str, variant: str) -> str:
    if access.public:
        return "public"
    if role == "anonymous":
        return "sign-in"
    if not can(role, access.capability):
        return "forbidden"
    if variant == "foreign" and role not in ("admin", "provider"):
        return "hidden"
    return "allowed"


def check(status: int, location: str | None, outcome: str) -> bool:
    if outcome == "sign-in":
        return status == 302 and (location or "").startswith("/login?next=")
    if outcome == "forbidden":
        return status == 403
    if outcome == "hidden":
        return status == 404
    if outcome == "public":
        # Public routes may refuse for reasons of their own (a kiosk API without
        # its device token answers 401), never crash.
        return status < 500
    signed_out = status == 302 and (location or "").startswith(("/login?", "/account/totp"))
    return status < 500 and status not in (401, 403, 404) and not signed_out


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_route_for_every_role_and_site(route: Route, world: World):
    client = world.clients["anonymous"]
    app = client.application
    access = declared_rule(app, route.endpoint)
    assert access is not None, f"{route} declares no access"
    variants = ("foreign", "own") if not access.public and site_bound(access) else ("own",)
    failures = []
    for role in ROLES:
        for variant in variants:
            url = url_for_route(app, route, access, variant, world)
            response = world.clients[role].open(url, method=route.method)
            outcome = expected(access, role, variant)
            if not check(response.status_code, response.location, outcome):
                failures.append(
                    f"{role} on {variant} site: {route.method} {url} → "
                    f"{response.status_code} {response.location or ''}, expected {outcome}"
                )
            ok = response.status_code == 200
            body = response.get_data().decode(errors="replace") if ok else ""  # PDFs too
            response.close()
            if role in ("anonymous", "viewer", "lead") and (
                world.foreign_comment in body or world.foreign_device in body
            ):
                failures.append(f"{role}: {url} shows another site's comment or device")
            if role in ("anonymous", "viewer", "lead") and any(
                note in body for note in world.foreign_site_notes
            ):
                failures.append(f"{role}: {url} shows another site's measure or alert rule")
            if role in ("anonymous", "viewer") and world.own_comment in body:
                failures.append(f"{role}: {url} shows a raw comment")
    assert not failures, "\n".join(failures)


#: routes that start a background job (a report or an export), with a valid form
JOB_STARTS = {
    "/reports/site/{site}": {"start": "2016-03-01", "end": "2016-03-31", "lang": "de"},
    "/reports/network": {"start": "2016-03-01", "end": "2016-03-31", "lang": "en"},
    "/exports/site/{site}": {"start": "2016-03-01", "end": "2016-03-31", "fmt": "csv"},
    "/exports/": {"start": "2016-03-01", "end": "2016-03-31", "fmt": "sav"},
}


@pytest.mark.parametrize("path", JOB_STARTS)
def test_starting_a_job_for_every_role_and_site(path: str, world: World, monkeypatch):
    """A valid request starts a job only where the role may read; a scoped export
    names exactly the sites of the user's scope (``--site``), never "all" by omission."""
    from survey.reports import worker

    started: list[list[str]] = []

    def record(args: list[str], *rest: Any) -> int:
        started.append(args)
        return 1  # nothing written: the job fails at once and frees its place

    monkeypatch.setattr(worker, "run_command", record)
    app = world.clients["anonymous"].application
    failures = []
    for role in ROLES:
        for variant, code in (("own", "AA"), ("foreign", "BB")):
            url = path.format(site=code)
            endpoint, _ = app.url_map.bind("localhost").match(url, method="POST")
            access = declared_rule(app, endpoint)
            assert access is not None
            if variant == "foreign" and not site_bound(access):
                continue
            before = len(started)
            response = world.clients[role].post(url, data=JOB_STARTS[path])
            outcome = expected(access, role, variant)
            ok = check(response.status_code, response.location, outcome)
            if outcome == "allowed":
                ok = ok and response.status_code == 302 and len(started) == before + 1
                command = started[-1] if len(started) > before else []
                sites = [command[i + 1] for i, arg in enumerate(command) if arg == "--site"]
                if "{site}" in path and "/reports/" in path:
                    ok = ok and code in command
                elif "{site}" in path:
                    ok = ok and sites == [code]
                elif path == "/exports/":
                    ok = ok and sites == ([] if role in ("admin", "provider") else ["AA"])
            elif len(started) != before:
                ok = False
            if not ok:
                failures.append(
                    f"{role} on {variant} site: POST {url} → {response.status_code}, "
                    f"expected {outcome}; commands {started[before:]}"
                )
    assert not failures, "\n".join(failures)
