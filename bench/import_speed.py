"""CSV import speed: rows/s of ``responses import`` against a bare SQLAlchemy executemany.

For each size, in the same run and on the same kind of database:

1. generate a CSV of N responses (seeded: 16 sites, every item, some comments
   in several scripts) in the schema of GUIDE.md §B;
2. import it into a fresh, migrated database with :func:`import_csv`
   (parsing, validation, scrubbing, duplicate check, tallies, one transaction);
3. insert the same responses, answers and comments, already parsed (parsing
   is not timed), into another fresh database with plain
   ``conn.execute(insert(table), rows)`` in one transaction, 50,000 responses
   at a time (no validation, no scrubbing, no tallies): the floor for any importer.

The ratio is (2)'s time over (3)'s. Peak RSS is the process's maximum
resident memory up to the end of (2): generating the file and importing it.
CPU time is given beside wall time (the benchmark machine is shared): the
benchmark process's user + system time, plus, on PostgreSQL, that of the
server backends of the engine's connections (read from ``/proc``, so the server
must run on the same machine).
Run it from the repository root:

    .venv/bin/python bench/import_speed.py --rows 100000 1000000
    .venv/bin/python bench/import_speed.py --rows 100000 --postgres postgresql://postgres@127.0.0.1/postgres
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg
from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from survey.database import migrations
from survey.database.engine import configure_engine, normalise_url
from survey.questionnaires.definition import NA_TOKEN
from survey.questionnaires.models import Item, Questionnaire
from survey.responses.csvio import HEADER, LOCALES
from survey.responses.importer import import_csv
from survey.responses.models import NOT_APPLICABLE, Answer, Comment, Response
from survey.sites.models import Site
from survey.sites.operations import add_site

SITES = ("WI", "GI", "OF", "DA", "MKK", "KB", "BB", "DEG", "P", "WK", "E", "MZ", "C", "MD", "KI")
COMMENTS = (
    "Die Wartezeit war zu lang.",
    "Frau Müller war sehr freundlich, danke!",
    "الموظفون كانوا لطفاء جدا",
    "ነዊሕ ግዜ ተጸቢና።",
    "Всё хорошо, спасибо.",
    "Termin online finden war schwierig, Tel. 0611 311234",
)

#: PostgreSQL backend pids of each benchmark engine's connections (for their CPU time)
BACKENDS: dict[Engine, set[int]] = {}


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = date(2014, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for _ in range(rows):
            overall = rng.choice("12345")
            improve = ";".join(sorted(rng.sample("12345678", rng.choice((0, 1, 1, 2, 3)))))
            writer.writerow(
                [
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    rng.choice((*SITES, "DEMO")),
                    (start + timedelta(days=rng.randrange(1300))).isoformat(),
                    rng.choice(("kiosk", "online", "paper")),
                    rng.choice(LOCALES),
                    "core@1",
                    rng.choice("12345 "),
                    overall,
                    rng.choice("123 "),
                    rng.choice("123 "),
                    rng.choice(("1", "2", "3", "4", "5", "na", "")),
                    *(rng.choice("12345 ") for _ in range(4)),
                    rng.choice("123 "),
                    rng.choice("1234 "),
                    rng.choice("12345 "),
                    improve,
                    rng.choice(COMMENTS) if rng.random() < 0.15 else "",
                ]
            )


@contextmanager
def fresh_engine(workdir: Path, postgres: str | None, name: str) -> Iterator[Engine]:
    if postgres is None:
        # a new file per call: the sizes of one run must not share a database
        path = workdir / f"{name}-{uuid.uuid4().hex[:8]}.sqlite3"
        engine = create_engine(f"sqlite:///{path}")
        configure_engine(engine)
        try:
            yield engine
        finally:
            engine.dispose()
            for leftover in workdir.glob(f"{path.name}*"):  # with -wal, -shm
                leftover.unlink()
        return
    server = make_url(normalise_url(postgres))
    database = f"bench_{name}_{uuid.uuid4().hex[:8]}"
    admin = {"host": server.host, "port": server.port or 5432, "user": server.username,
                 "password": server.password, "dbname": server.database or "postgres"}  # fmt: skip
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    engine = create_engine(server.set(database=database))
    backends = BACKENDS.setdefault(engine, set())

    @event.listens_for(engine, "connect")
    def remember(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backends.add(cursor.fetchone()[0])

    try:
        yield engine
    finally:
        engine.dispose()
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def cpu(engine: Engine) -> float:
    """CPU seconds so far of this process and of the engine's PostgreSQL backends."""
    seconds = time.process_time()
    for pid in BACKENDS.get(engine, ()):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a backend that closed: its time is lost (none do here)
            continue
        seconds += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def prepare(engine: Engine) -> None:
    migrations.upgrade(engine)
    with Session(engine) as session, session.begin():
        for code in (*SITES, "DEMO"):
            add_site(session, code, f"Standort {code}")


def bare_chunks(engine: Engine, path: Path, size: int = 50_000) -> Iterator[list[list[dict]]]:
    """The CSV's rows as plain insert parameters, ``size`` responses at a time."""
    with engine.connect() as conn:
        sites = dict(conn.execute(select(Site.code, Site.id)).tuples().all())
        qid = conn.execute(select(Questionnaire.id)).scalar_one()
        items = dict(conn.execute(select(Item.code, Item.id)).tuples().all())
    responses: list[dict] = []
    answers: list[dict] = []
    comments: list[dict] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rid = uuid.UUID(row["response_id"])
            responses.append(
                {"id": rid, "site_id": sites[row["site"]], "questionnaire_id": qid,
                 "channel": row["channel"], "locale": row["locale"],
                 "day": date.fromisoformat(row["date"]), "hour_band": None,
                 "device_id": None, "flagged": False}
            )  # fmt: skip
            for code in HEADER[6:-1]:
                for token in filter(None, (t.strip() for t in row[code].split(";"))):
                    value = NOT_APPLICABLE if token == NA_TOKEN else int(token)
                    answers.append({"response_id": rid, "item_id": items[code], "value": value})
            if row["comment"]:
                comments.append({"response_id": rid, "text": row["comment"]})
            if len(responses) == size:
                yield [responses, answers, comments]
                responses, answers, comments = [], [], []
    yield [responses, answers, comments]


def run(rows: int, workdir: Path, postgres: str | None) -> dict[str, float]:
    path = workdir / f"responses-{rows}.csv"
    generate(path, rows)
    with fresh_engine(workdir, postgres, "import") as engine:
        prepare(engine)
        started, cpu_started = time.perf_counter(), cpu(engine)
        result = import_csv(engine, path)
        ours = time.perf_counter() - started
        ours_cpu = cpu(engine) - cpu_started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB → MiB
        assert result.imported == rows and result.bad == 0, result.errors[:3]
    with fresh_engine(workdir, postgres, "bare") as engine:
        prepare(engine)
        bare = bare_cpu = 0.0
        with engine.begin() as conn:
            # parsing is not timed: only the inserts (and the commit)
            for chunk in bare_chunks(engine, path):
                started, cpu_started = time.perf_counter(), cpu(engine)
                for model, params in zip((Response, Answer, Comment), chunk, strict=True):
                    if params:
                        conn.execute(insert(model.__table__), params)
                bare += time.perf_counter() - started
                bare_cpu += cpu(engine) - cpu_started
            started, cpu_started = time.perf_counter(), cpu(engine)
        bare += time.perf_counter() - started
        bare_cpu += cpu(engine) - cpu_started
    return {"rows": rows, "ours": ours, "bare": bare, "ours_cpu": ours_cpu, "bare_cpu": bare_cpu,
            "mb": path.stat().st_size / 1e6, "peak": peak}  # fmt: skip


def table(results: list[dict[str, float]], backend: str) -> str:
    lines = [
        "| backend | rows | CSV size | `responses import` wall (CPU) | rows/s | peak RSS "
        "| bare executemany wall (CPU) | ratio wall (CPU) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {backend} | {int(r['rows']):,} | {r['mb']:.0f} MB "
            f"| {r['ours']:.1f} s ({r['ours_cpu']:.1f} s) "
            f"| {r['rows'] / r['ours']:,.0f} | {r['peak']:.0f} MiB "
            f"| {r['bare']:.1f} s ({r['bare_cpu']:.1f} s) "
            f"| {r['ours'] / r['bare']:.2f} ({r['ours_cpu'] / r['bare_cpu']:.2f}) |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--postgres", help="server URL; a throwaway database is made on it")
    args = parser.parse_args()
    backend = "PostgreSQL" if args.postgres else "SQLite"
    results = []
    with tempfile.TemporaryDirectory() as workdir:
        for rows in args.rows:
            results.append(run(rows, Path(workdir), args.postgres))
            print(table(results[-1:], backend), flush=True)
    print(table(results, backend))


if __name__ == "__main__":
    main()
