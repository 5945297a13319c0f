"""Fast bulk generator: millions of demo responses straight into a migrated database.

``flask demo`` stores responses through SQLAlchemy 5,000 at a time with random
UUIDs; a million took about 15 minutes on the shared benchmark machine, far too
slow for 10M responses (≈ 120M answer rows). This script draws exactly the same
responses (the demo's own sampling code, :func:`survey.demo.generator.generate_batches`:
same sites, months, distributions, trends and seed) and writes them with plain
DBAPI ``executemany`` in large transactions:

- the schema is migrated first (:func:`survey.database.migrations.upgrade`, what
  ``flask db upgrade`` runs), then the demo's sites are added;
- on SQLite, ``journal_mode=OFF`` and ``synchronous=OFF`` while building;
- response ids are random version-4 UUIDs whose first 48 bits are a running
  number, so rows arrive in key order and every insert appends to the B-trees
  (with fully random ids, 120M answer rows are 120M random B-tree writes);
- the tallies are built afterwards by :func:`survey.responses.tallies.rebuild`,
  the recount the application's checks use, so they stay right whenever that
  recount changes;
- finally the tallies of a sample of sites are compared with a fresh recount.

    python bench/generate.py --responses 10000000 --db /work/benchdata/r10000000/survey.sqlite3

No demo users, devices or audit events are created: only sites, responses,
answers, comments and tallies.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Connection, Engine, create_engine, func, select
from sqlalchemy.orm import Session

from survey.database import migrations
from survey.demo.generator import DemoResponse, generate_batches
from survey.demo.story import SITES
from survey.questionnaires.operations import find
from survey.responses import tallies
from survey.responses.models import Response
from survey.responses.operations import ItemIndex
from survey.sites.operations import add_site

#: responses per ``executemany`` round (answers: about 12 times as many rows)
BATCH = 50_000
#: responses per transaction
COMMIT_EVERY = 1_000_000
LOW_BITS = (1 << 80) - 1


@dataclass
class Built:
    responses: int = 0
    answers: int = 0
    comments: int = 0
    insert_seconds: float = 0.0
    tally_seconds: float = 0.0


def _converter(column: Any, dialect: Any) -> Callable[[Any], Any]:
    """The column type's own bind processor (on SQLite: UUID → hex, date → ISO text)."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process or (lambda value: value)


class Writer:
    """Turns demo responses into DBAPI parameter rows and inserts them."""

    def __init__(self, conn: Connection, items: ItemIndex, site_ids: dict[str, int]) -> None:
        self.conn, self.items, self.site_ids = conn, items, site_ids
        dialect = conn.dialect
        self.uid = _converter(Response.__table__.c.id, dialect)
        self.day = _converter(Response.__table__.c.day, dialect)
        mark = "?" if dialect.paramstyle == "qmark" else "%s"  # constant placeholders only
        self.sql = tuple(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join([mark] * len(columns))})"
            for table, columns in (
                ("response", ("id", "site_id", "questionnaire_id", "channel", "locale", "day",
                              "hour_band", "device_id", "flagged")),
                ("answer", ("response_id", "item_id", "value")),
                ("comment", ("response_id", "text")),
            )
        )  # fmt: skip
        self.seq = 0
        self.built = Built()

    def write(self, batch: Sequence[DemoResponse]) -> None:
        uid, day, ids, qid = self.uid, self.day, self.items.ids, self.items.questionnaire_id
        responses: list[tuple] = []
        answers: list[tuple] = []
        comments: list[tuple] = []
        for r in batch:
            self.seq += 1
            rid = uid(uuid.UUID(int=(self.seq << 80) | (r.id.int & LOW_BITS)))
            site = self.site_ids[r.site]
            responses.append((rid, site, qid, r.channel, r.locale, day(r.day), r.hour_band, None,
                              False))  # fmt: skip
            for code, values in r.answers.items():
                item = ids[code]
                for value in values:
                    answers.append((rid, item, value))
            if r.comment:
                comments.append((rid, r.comment))
        cursor = self.conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            for sql, rows in zip(self.sql, (responses, answers, comments), strict=True):
                if rows:
                    cursor.executemany(sql, rows)
        finally:
            cursor.close()
        self.built.responses += len(responses)
        self.built.answers += len(answers)
        self.built.comments += len(comments)


def prepare(engine: Engine) -> dict[str, int]:
    """Migrate, publish the built-in questionnaires and add the demo's sites."""
    migrations.upgrade(engine)
    with Session(engine) as session, session.begin():
        if session.scalar(select(func.count()).select_from(Response.__table__)):
            raise SystemExit("the database already holds responses: use a new file")
        return {
            s.code: add_site(session, s.code, s.name, locales=[], default_locale="de").id
            for s in SITES
        }


def build(
    engine: Engine, responses: int, seed: int, progress: Callable[[Built], None] | None = None
) -> Built:
    """Generate about ``responses`` demo responses into a fresh database, then the tallies."""
    site_ids = prepare(engine)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA journal_mode=OFF")
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            conn.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MiB
        with Session(bind=conn) as session:
            questionnaire = find(session, "core@1")
            assert questionnaire is not None, "core@1 is published by the migration"
            items = ItemIndex.load(conn, questionnaire.id)
        conn.commit()
        writer = Writer(conn, items, site_ids)
        started = time.perf_counter()
        pending: list[DemoResponse] = []
        since_commit = 0
        for month in generate_batches(responses, seed):
            pending.extend(month)
            if len(pending) >= BATCH:
                writer.write(pending)
                since_commit += len(pending)
                pending = []
                if since_commit >= COMMIT_EVERY:
                    conn.commit()
                    since_commit = 0
                    if progress:
                        progress(writer.built)
        writer.write(pending)
        conn.commit()
        built = writer.built
        built.insert_seconds = time.perf_counter() - started
        started = time.perf_counter()
        if conn.dialect.name == "sqlite":  # the recount sorts the answers: fewer merge passes
            conn.exec_driver_sql("PRAGMA cache_size=-1048576")  # 1 GiB
            conn.exec_driver_sql("PRAGMA threads=2")
        tallies.rebuild(conn)
        conn.commit()
        built.tally_seconds = time.perf_counter() - started
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
    return built


def mismatches(conn: Connection, site_ids: Sequence[int]) -> dict[str, int]:
    """Per tally: how many counters of these sites differ from a recount of the raw rows."""
    out = {}
    for model, recount in (
        (tallies.ResponseTally, tallies.recount_responses()),
        (tallies.AnswerTally, tallies.recount_answers()),
        (tallies.MonthTally, tallies.recount_months(conn.dialect.name)),
    ):
        table = model.__table__
        key = [c.name for c in table.primary_key.columns]
        source = recount.subquery()
        expected = {
            tuple(row[:-1]): row[-1]
            for row in conn.execute(
                select(*(source.c[k] for k in key), source.c.n).where(
                    source.c.site_id.in_(site_ids)
                )
            )
        }
        stored = {
            tuple(row[:-1]): row[-1]
            for row in conn.execute(
                select(*(table.c[k] for k in key), table.c.n).where(table.c.site_id.in_(site_ids))
            )
        }
        keys = expected.keys() | stored.keys()
        out[table.name] = sum(expected.get(k) != stored.get(k) for k in keys)
        out[table.name + " counters"] = len(stored)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, required=True)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--db", type=Path, help="SQLite file to create")
    parser.add_argument("--url", help="database URL instead of --db (e.g. PostgreSQL)")
    parser.add_argument(
        "--check-sites", type=int, default=2, help="sites whose tallies are recounted (0: all)"
    )
    args = parser.parse_args()
    if (args.db is None) == (args.url is None):
        parser.error("give exactly one of --db and --url")
    if args.db is not None:
        args.db.parent.mkdir(parents=True, exist_ok=True)
    url = args.url or f"sqlite:///{args.db}"
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    started = time.perf_counter()

    def progress(b: Built) -> None:
        print(f"  {b.responses:,} responses, {b.answers:,} answers "
              f"({time.perf_counter() - started:.0f} s)", flush=True)  # fmt: skip

    built = build(engine, args.responses, args.seed, progress)
    print(
        f"{built.responses:,} responses, {built.answers:,} answers, {built.comments:,} comments: "
        f"inserted in {built.insert_seconds:.0f} s, tallies rebuilt in {built.tally_seconds:.0f} s",
        flush=True,
    )
    with engine.connect() as conn:
        all_sites = sorted(conn.execute(select(Response.site_id).distinct()).scalars())
        sample = all_sites if args.check_sites == 0 else random.Random(args.seed).sample(
            all_sites, min(args.check_sites, len(all_sites)))  # fmt: skip
        started = time.perf_counter()
        result = mismatches(conn, sample)
    print(f"tallies vs recount for site ids {sample} ({time.perf_counter() - started:.0f} s): "
          f"{result}")  # fmt: skip
    engine.dispose()
    if any(v for k, v in result.items() if not k.endswith("counters")):
        raise SystemExit("tallies differ from the recount")


if __name__ == "__main__":
    main()
