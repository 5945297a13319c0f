"""App instances share their rate-limit counters: through Redis, or the database by default.

The login form allows 10 attempts per minute and client address. With
``SURVEY_RATELIMIT_STORAGE_URI=redis://…``, or the ``survey-database://`` default of
``deploy/gunicorn.conf.py``, the count spans both instances (and all their workers):
the 11th attempt is refused whichever instance gets it.
"""

from __future__ import annotations

import http.client
import random
import re
import socket
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.databases import postgres_database

from . import harness

pytestmark = pytest.mark.postgres_only

REDIS = ("127.0.0.1", 6379)
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def redis_reachable() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def attempt(port: int, client_address: str) -> int:
    """GET the login form (CSRF token and session cookie), then POST a wrong password."""
    forwarded = {"X-Forwarded-For": client_address}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/login", headers=forwarded)
        page = conn.getresponse()
        html = page.read().decode()
        assert page.status == 200, page.status
        cookie = SimpleCookie(page.headers["Set-Cookie"])
        session = "; ".join(f"{k}={m.value}" for k, m in cookie.items())
        token = TOKEN.search(html)
        assert token, "no CSRF token on the login form"
        form = urlencode({"csrf_token": token.group(1), "username": "nobody", "password": "x"})
        conn.request(
            "POST",
            "/login",
            body=form,
            headers={
                **forwarded,
                "Cookie": session,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        answer = conn.getresponse()
        answer.read()
        return answer.status
    finally:
        conn.close()


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_login_limit_counts_across_two_instances(tmp_path: Path) -> None:
    # A fresh client address per run: counters of an earlier run cannot interfere.
    address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    env = {
        "SURVEY_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
        "SURVEY_PROXY_FIX_X_FOR": "1",
    }
    with postgres_database("survey_limits") as url:
        harness.prepare_database(url, kiosks=0)
        with harness.instances(url, tmp_path, count=2, env=env) as servers:
            a, b = (s.port for s in servers)
            statuses = [attempt(a if n % 2 else b, address) for n in range(10)]
            assert statuses == [200] * 10
            # the 11th and 12th, one on each instance: both refused
            assert attempt(a, address) == 429
            assert attempt(b, address) == 429
            # another client is not affected
            assert attempt(a, address.replace("10.", "11.", 1)) == 200


def test_default_counters_are_shared_through_the_database(tmp_path: Path) -> None:
    """No Redis, no setting: the workers of both instances count in PostgreSQL."""
    address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    env = {"SURVEY_PROXY_FIX_X_FOR": "1"}
    with postgres_database("survey_db_limits") as url:
        harness.prepare_database(url, kiosks=0)
        with harness.instances(url, tmp_path, count=2, env=env) as servers:
            a, b = (s.port for s in servers)
            statuses = [attempt(a if n % 2 else b, address) for n in range(10)]
            assert statuses == [200] * 10
            assert attempt(a, address) == 429
            assert attempt(b, address) == 429


def test_gunicorn_refuses_workers_with_counters_of_their_own(tmp_path: Path) -> None:
    env = {"SURVEY_RATELIMIT_STORAGE_URI": "survey-memory://"}
    with postgres_database("survey_memory_limits") as url:
        harness.prepare_database(url, kiosks=0)
        with (
            pytest.raises(RuntimeError, match="per-process rate-limit counters"),
            harness.instances(url, tmp_path, count=1, env=env),
        ):
            pass
