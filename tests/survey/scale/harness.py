"""Real gunicorn instances, simulated kiosks and a chaos thread, for the fault runs.

Shared by the short fault tests (tests/survey/scale) and the long run
(``bench/faults.py``). Every process started here is stopped in a ``finally``.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from survey import ROOT
from survey.database import migrations
from survey.database.engine import configure_engine, normalise_url
from survey.database.types import utcnow
from survey.kiosk.pairing import create_code, redeem
from survey.responses.models import Answer, Response
from survey.sites.models import Site
from survey.sites.operations import add_site

#: Errors of the transport: the request may or may not have reached the server.
TRANSIENT = (OSError, http.client.HTTPException)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def engine_for(url: str) -> Engine:
    engine = create_engine(normalise_url(url))
    configure_engine(engine)
    return engine


def prepare_database(url: str, kiosks: int, site_code: str = "WI") -> list[str]:
    """Migrate, add one site (no minimum interval) and pair ``kiosks`` devices: their tokens."""
    engine = engine_for(url)
    try:
        migrations.upgrade(engine)
        with Session(engine) as session:
            site = session.scalar(select(Site).filter_by(code=site_code))
            if site is None:
                site = add_site(
                    session,
                    site_code,
                    "Wiesbaden",
                    locales=["de", "en", "ar"],
                    kiosk_min_interval_seconds=0,
                )
            tokens = []
            for n in range(kiosks):
                issued = create_code(session, site, utcnow(), f"Kiosk {n}")
                tokens.append(redeem(session, issued.code, utcnow()).token)
            session.commit()
        return tokens
    finally:
        engine.dispose()


class Gunicorn:
    """One app instance: a gunicorn master with sync workers on 127.0.0.1:<port>."""

    def __init__(
        self,
        database_url: str,
        directory: Path,
        *,
        workers: int = 2,
        app: str = "wsgi:app",
        env: dict[str, str] | None = None,
        timeout: int = 30,
    ) -> None:
        self.port = free_port()
        self.size = workers
        self.url = f"http://127.0.0.1:{self.port}"
        directory.mkdir(parents=True, exist_ok=True)
        self.log_path = directory / f"gunicorn-{self.port}.log"
        environ = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SURVEY_DATABASE_URL": database_url,
            "SURVEY_SECRET_KEY": "fault-test-secret",
            "SURVEY_INSTANCE_PATH": str(directory / "instance"),
            # load tests send as fast as they can: no per-device response limit
            "SURVEY_KIOSK_RESPONSE_LIMIT": "1000000 per minute",
            **(env or {}),
        }
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",  # the deployed settings; the options below override some
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--chdir",
                str(ROOT),
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                str(timeout),
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
                app,
            ],
            cwd=ROOT,
            env=environ,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, path: str = "/healthz", timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log_path.read_text()[-2000:]}")
            try:
                status, _ = request(self.port, "GET", path, timeout=2)
                if status == 200:
                    return
            except TRANSIENT:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready: {self.log_path.read_text()[-2000:]}")

    def wait_recovered(self, stop: threading.Event, timeout: float = 120) -> None:
        """Until the master has all its workers again and /healthz answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not stop.is_set():
            if len(self.workers()) >= self.size:
                try:
                    if request(self.port, "GET", "/healthz", timeout=5)[0] == 200:
                        return
                except TRANSIENT:
                    pass
            stop.wait(0.1)

    def workers(self) -> list[int]:
        try:
            text = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in text.split()]

    def kill_worker(self, rng: random.Random) -> bool:
        pids = self.workers()
        if not pids:
            return False
        try:
            os.kill(rng.choice(pids), signal.SIGKILL)
        except ProcessLookupError:
            return False
        return True

    def stop(self) -> None:
        try:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    for pid in self.workers():
                        with suppress(ProcessLookupError):
                            os.kill(pid, signal.SIGKILL)
                    self.process.kill()
                    self.process.wait(timeout=10)
        finally:
            self.log.close()


@contextmanager
def instances(
    database_url: str, directory: Path, count: int = 1, **options
) -> Iterator[list[Gunicorn]]:
    started: list[Gunicorn] = []
    try:
        for n in range(count):
            started.append(Gunicorn(database_url, directory / f"i{n}", **options))
        for instance in started:
            instance.wait_ready()
        yield started
    finally:
        for instance in started:
            instance.stop()


def request(
    port: int,
    method: str,
    path: str,
    body: dict | None = None,
    *,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        conn.request(
            method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})}
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def answers(rng: random.Random) -> dict:
    """A plausible core@1 response (values valid for the core questionnaire)."""
    out: dict = {"overall": rng.randint(1, 5), "topic": rng.randint(1, 5)}
    for item in ("waiting", "friendly", "understood", "fair"):
        if rng.random() < 0.8:
            out[item] = rng.randint(1, 5)
    if rng.random() < 0.5:
        out["improve"] = sorted(rng.sample(range(1, 6), rng.randint(1, 3)))
    return out


@dataclass
class KioskLog:
    sent: set[str] = field(default_factory=set)
    confirmed: set[str] = field(default_factory=set)
    retries: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    rejected: list[tuple[str, int, bytes]] = field(default_factory=list)


def run_kiosk(
    token: str,
    ports: list[int],
    count: int,
    seed: int,
    log: KioskLog,
    deadline: float,
    stop: threading.Event | None = None,
) -> None:
    """Submit ``count`` responses, each retried with its UUID until confirmed (like store.js)."""
    rng = random.Random(seed)
    auth = {"Authorization": f"Bearer {token}"}
    for _ in range(count):
        rid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        body = {
            "id": rid,
            "questionnaire": "core@1",
            "locale": rng.choice(["de", "en", "ar"]),
            "answers": answers(rng),
            "answered_at": utcnow().isoformat(),
        }
        log.sent.add(rid)
        delay = 0.05
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            port = rng.choice(ports)
            try:
                status, data = request(
                    port, "POST", "/kiosk/api/responses", body, headers=auth, timeout=10
                )
            except TRANSIENT:
                status, data = 0, b""
            log.statuses[status] = log.statuses.get(status, 0) + 1
            if status in (200, 201):
                log.confirmed.add(rid)
                break
            if status in (400, 401, 403, 413):
                log.rejected.append((rid, status, data))
                break
            log.retries += 1
            time.sleep(delay * (0.75 + rng.random() / 2))
            delay = min(delay * 2, 1.0)


@dataclass
class Chaos:
    """SIGKILLs gunicorn workers and terminates the app's PostgreSQL backends at random moments."""

    servers: list[Gunicorn]
    database: str
    seed: int = 0
    pause: tuple[float, float] = (0.3, 1.0)
    max_actions: int = 1000
    kills: int = 0
    terminated: int = 0
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        """Random faults, each after the instances recovered from the previous one.

        Waiting for recovery (all workers back, /healthz answering) paces the
        faults by what the machine manages: on a loaded machine a respawned
        worker takes seconds to boot, and killing faster than that would only
        measure an instance that never serves.
        """
        rng = random.Random(self.seed)
        for n in range(self.max_actions):
            # No pause before the first step: on an idle machine a short run of
            # submissions is over in under a second.
            if self.stop.wait(rng.uniform(*self.pause) if n else 0):
                return
            # The first step does both kinds of fault back to back, so that even a
            # short run (a second of submissions) has both; then they alternate.
            if n == 0 or n % 2 == 0:
                self.terminated += terminate_backends(self.database)
            if n == 0 or n % 2:
                server = rng.choice(self.servers)
                if server.kill_worker(rng):
                    self.kills += 1
                    server.wait_recovered(self.stop)

    @contextmanager
    def running(self) -> Iterator[Chaos]:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.stop.set()
            thread.join(timeout=30)


def admin_connect(database_url: str) -> psycopg.Connection:
    url = make_url(database_url)
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname="postgres",
        autocommit=True,
        connect_timeout=5,
    )


def terminate_backends(database_url: str) -> int:
    """Terminate every connection to the app's database (what a failover or restart does)."""
    name = make_url(database_url).database
    with admin_connect(database_url) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchall()
    return sum(1 for (ok,) in rows if ok)


@dataclass(frozen=True)
class Stored:
    ids: set[str]
    rows: int
    without_answers: int


def stored(engine: Engine) -> Stored:
    with engine.connect() as conn:
        ids = [str(rid) for rid in conn.scalars(select(Response.id))]
        bare = conn.scalar(
            select(func.count())
            .select_from(Response)
            .where(~select(Answer.response_id).where(Answer.response_id == Response.id).exists())
        )
    return Stored(set(ids), len(ids), bare or 0)


def terminate_pid(database_url: str, pid: int) -> int:
    """Terminate one backend; 1 when it was terminated."""
    with admin_connect(database_url) as conn:
        (ok,) = conn.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()
    return int(bool(ok))
