"""Bad input at volume on every staff route: Hypothesis, signed in as each role.

Each case picks a role (or no sign-in), a route of the app's URL map, values
for its URL arguments, a query string and, for a POST, form fields (named as
the page's own form names them, or anything else). Whatever the values, the
answer is never a 5xx. Background jobs are not started (their launcher is
replaced by a stub); everything else runs for real, CSRF and rate limits off.

The accounts the fuzzer signs in with are never targets: URL arguments name
another user, and after every case each fuzzer account is compared with its
snapshot and, if anything about it changed (a sign-out, a lock, a role),
recreated and signed in again, so later cases still run as that role.
``SURVEY_FUZZ_EXAMPLES`` sets the number of cases (``bench/fuzz.py --cases``).
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from survey.accounts.models import User
from survey.alerts.models import AlertRule
from survey.database import db
from survey.kiosk.models import KioskDevice
from survey.measures.models import Measure
from survey.reports import jobs
from tests.survey.access.routes import Route, collect_routes, declared_rule, rule_object
from tests.survey.staff import isolated_requests, make_user, sign_in  # noqa: F401 - fixtures

EXAMPLES = int(os.environ.get("SURVEY_FUZZ_EXAMPLES", "300"))
ROLES = ("anonymous", "viewer", "lead", "provider", "admin")
#: every route but the device API (fuzzed in test_fuzz.py) and static files
ROUTES = [
    r
    for r in collect_routes()
    if not r.path.startswith(("/kiosk/api", "/static", "/dashboard/assets"))
]
#: query names the views read, and names that could bend url_for
QUERY_NAMES = [
    "period", "from", "to", "channel", "locale", "topic", "item", "a", "b", "page", "id",
    "action", "actor", "target", "since", "until", "lang", "next", "c", "site", "endpoint",
    "_external", "_scheme", "_anchor", "values",
]  # fmt: skip
SITE_CODES = ["AA", "BB", "aa", "ZZ", "", "A" * 40, "AA%00", "..%2F"]
TRICKY = [
    "", " ", "0", "-1", "1", "2", "5", "99999999999999999999", "²", "٣", "1e3", "NaN",
    "2016-01", "2016-13", "9999-12", "0001-02", "2016-01-01", "2016-12-31", "9999-12-31",
    "2016-01:2016-03", "0001-01:9999-12", "de", "en", "xx", "csv", "xlsx", "sav", "pdf",
    "day", "month", "on", "true", "false", "admin", "provider", "lead", "viewer", "AA", "BB",
    "a\x00b", "\x00", "//evil.example", "http://evil.example", "<script>", "'; --",
    "x" * 3000, "csat_below", "referral_gap_above", "0.5", "1.5", "30",
]  # fmt: skip

tricky = st.sampled_from(TRICKY)
#: mostly the tricky values (out of range, wrong type, NUL, overlong), some anything
values = st.one_of(
    tricky,
    tricky,
    tricky,
    st.integers(-(2**70), 2**70).map(str),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
)
known_names = st.sampled_from(QUERY_NAMES)
query_names = st.one_of(known_names, known_names, known_names, st.text(max_size=6))


@dataclass
class Fuzzer:
    app: Flask
    clients: dict[str, Any]
    users: dict[str, User]
    #: URL argument kind → sample values (never a fuzzer account)
    samples: dict[str, list[Any]]
    #: route → the field names of the form on its page
    fields: dict[Route, list[str]] = field(default_factory=dict)
    snapshots: dict[str, tuple] = field(default_factory=dict)
    recreated: int = 0


def _state(user_id: int) -> tuple:
    db.session.expire_all()
    user = db.session.get_one(User, user_id)
    return (
        user.username, user.password_hash, user.role, user.active, user.totp_secret,
        user.session_version, user.failed_logins, user.locked_until,
        tuple(site.code for site in user.sites),
    )  # fmt: skip


def _sign_in(fuzzer: Fuzzer, role: str) -> None:
    user = db.session.get_one(User, fuzzer.users[role].id)
    user.totp_last_step = None  # the same TOTP code may be used again at once
    db.session.commit()
    client = fuzzer.app.test_client()
    response = sign_in(client, user)
    assert response.status_code == 302 and response.location == "/start", role
    fuzzer.clients[role] = client
    fuzzer.snapshots[role] = _state(user.id)


def _restore(fuzzer: Fuzzer, role: str, snapshot: tuple) -> None:
    user = db.session.get_one(User, fuzzer.users[role].id)
    (user.username, user.password_hash, user.role, user.active, user.totp_secret,
     user.session_version, user.failed_logins, user.locked_until, _) = snapshot  # fmt: skip
    user.session_version += 1  # sessions of the changed account end
    db.session.commit()
    _sign_in(fuzzer, role)
    fuzzer.recreated += 1


@pytest.fixture
def fuzzer(make_app, make_site, make_response, make_user, monkeypatch) -> Fuzzer:  # noqa: F811
    # two languages each: the pages show the language links (built from the query)
    own = make_site("AA", "Amtstadt", locales=["de", "en", "ar"])
    foreign = make_site("BB", "Bergstadt", locales=["de", "en"])
    ids: dict[str, list[Any]] = {"device": [], "measure": [], "rule": []}
    for site in (own, foreign):
        for i in range(12):
            make_response(site, day=date(2016, 3, 1 + i), comment="Kommentar" if i == 0 else None)
        device = KioskDevice(
            site_id=site.id, label=f"Geraet {site.code}", token_hash=uuid.uuid4().hex
        )
        measure = Measure(site_id=site.id, day=date(2016, 3, 5), label=f"Massnahme {site.code}")
        rule = AlertRule(site_id=site.id, kind="csat_below", threshold=0.8, last_n=30,
                         recipients=f"amt-{site.code.lower()}@example.org")  # fmt: skip
        db.session.add_all([device, measure, rule])
        db.session.commit()
        ids["device"].append(device.id)
        ids["measure"].append(measure.id)
        ids["rule"].append(rule.id)
    users = {
        "admin": make_user("fuzz-admin", "admin", totp=True),
        "provider": make_user("fuzz-provider", "provider"),
        "lead": make_user("fuzz-lead", "lead", [own]),
        "viewer": make_user("fuzz-viewer", "viewer", [own]),
    }
    targets = [
        make_user(f"target-{n}", role, [foreign]) for n, role in enumerate(("viewer", "lead"))
    ]
    own_ids = {u.id for u in users.values()}
    samples: dict[str, list[Any]] = {
        "site": SITE_CODES,
        "user": [t.id for t in targets] + [0, -1, 2**31, 2**63, 10**30],
        **{kind: [*found, 0, 2**31, 10**30] for kind, found in ids.items()},
    }
    assert not own_ids & set(samples["user"])

    started: list[Any] = []
    monkeypatch.setattr(jobs, "start", lambda *a, **k: started.append(a) or _no_job(*a, **k))
    app = make_app(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    fuzz = Fuzzer(app, {"anonymous": app.test_client()}, users, samples)
    for role in users:
        _sign_in(fuzz, role)
    for route in ROUTES:  # the names of the page's own form (a GET form filters by query)
        if route.method in ("GET", "POST") and not route.path.endswith((".pdf", ".csv", ".js")):
            url = _url(fuzz, route, {})
            page = fuzz.clients["admin"].get(url).get_data(as_text=True)
            fuzz.fields[route] = sorted(set(re.findall(r'name="([\w-]+)"', page)))
    return fuzz


def _no_job(owner: int, kind: str, site: str | None, start: str, end: str, lang: str = "de",
            **extra: Any) -> jobs.Job:  # fmt: skip
    return jobs.Job("f" * 22, owner, kind, site, start, end, lang, **extra)


def _url(fuzzer: Fuzzer, route: Route, chosen: dict[str, Any]) -> str:
    rule = rule_object(fuzzer.app, route)
    access = declared_rule(fuzzer.app, route.endpoint)
    path = rule.rule
    for argument in rule.arguments:
        if argument in chosen:
            value = chosen[argument]
        elif access is not None and not access.public and argument != access.site_arg:
            value = fuzzer.samples[access.objects[argument]][0]
        elif argument == "filename":
            value = "css/base.css"
        else:
            value = "AA"
        path = re.sub(rf"<(?:[^:<>]+:)?{argument}>", quote(str(value), safe="%"), path)
    return path


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    route = draw(st.sampled_from(ROUTES))
    return {
        "role": draw(st.sampled_from(ROLES)),
        "route": route,
        "arguments": draw(
            st.dictionaries(
                st.sampled_from(["site", "code", "user", "device", "measure", "rule"]),
                st.integers(0, 5),
                max_size=3,
            )
        ),
        # every name the views read may come at once, plus a few others
        "query": [
            *draw(st.fixed_dictionaries({}, optional=dict.fromkeys(QUERY_NAMES, values))).items(),
            *draw(st.lists(st.tuples(query_names, values), max_size=3)),
        ],
        "form": draw(st.lists(st.tuples(st.text(max_size=6), values), max_size=3)),
        "known": draw(st.lists(st.tuples(st.integers(0, 40), values), max_size=10)),
    }


def _arguments(fuzzer: Fuzzer, route: Route, picks: dict[str, int]) -> dict[str, Any]:
    access = declared_rule(fuzzer.app, route.endpoint)
    chosen: dict[str, Any] = {}
    for argument in rule_object(fuzzer.app, route).arguments:
        kind = "site"
        if access is not None and not access.public and argument != access.site_arg:
            kind = access.objects[argument]
        pool = fuzzer.samples.get(kind, SITE_CODES)
        if argument in picks:
            chosen[argument] = pool[picks[argument] % len(pool)]
    return chosen


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases())
def test_staff_routes_never_fail_for_any_role(fuzzer: Fuzzer, case: dict[str, Any]) -> None:
    route: Route = case["route"]
    role: str = case["role"]
    url = _url(fuzzer, route, _arguments(fuzzer, route, case["arguments"]))
    names = fuzzer.fields.get(route) or ["x"]
    known = [(names[i % len(names)], v) for i, v in case["known"]]
    post = route.method == "POST"
    form = known + case["form"] if post else []
    query = case["query"] + ([] if post else known)
    event(f"{role} {route.method}")
    response = fuzzer.clients[role].open(
        url,
        method=route.method,
        query_string=MultiDict(query),
        data=MultiDict(form) if post else None,
    )
    status = response.status_code
    body = response.get_data(as_text=True)[:300] if status >= 500 else ""
    response.close()
    event(f"status {status // 100}xx")
    assert status < 500, f"{role} {route.method} {url} {query} {form}: {status} {body}"
    for name in fuzzer.users:
        snapshot = fuzzer.snapshots[name]
        if _state(fuzzer.users[name].id) != snapshot or (route.path == "/logout" and name == role):
            _restore(fuzzer, name, snapshot)


def test_the_fuzzer_covers_every_staff_route_and_keeps_its_accounts(fuzzer: Fuzzer) -> None:
    """Each route once per role with empty input; the accounts are unchanged after."""
    before = {name: fuzzer.snapshots[name] for name in fuzzer.users}
    for route in ROUTES:
        for role in ROLES:
            if route.path == "/logout":
                continue
            url = _url(fuzzer, route, {})
            response = fuzzer.clients[role].open(url, method=route.method)
            assert response.status_code < 500, (role, route, response.status_code)
            response.close()
    assert {name: _state(fuzzer.users[name].id) for name in fuzzer.users} == before
