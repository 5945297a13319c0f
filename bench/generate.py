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
from itertools import repeat
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from sqlalchemy import Connection, Engine, create_engine, func, select
from sqlalchemy.orm import Session

from survey.database import migrations
from survey.demo.generator import ANSWER_ORDER, CHANNELS, IMPROVE_FROM, MonthDraw, draws
from survey.demo.story import COMMENTS, SITES
from survey.questionnaires.operations import find
from survey.responses import tallies
from survey.responses.models import NOT_APPLICABLE, Response
from survey.responses.operations import ItemIndex
from survey.sites.operations import add_site

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
    #: CPU seconds of this process (on SQLite all the work; not PostgreSQL's server)
    insert_cpu: float = 0.0
    tally_cpu: float = 0.0


def _converter(column: Any, dialect: Any) -> Callable[[Any], Any]:
    """The column type's own bind processor (on SQLite: UUID → hex, date → ISO text)."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process or (lambda value: value)


class Writer:
    """Turns the demo's draws into DBAPI parameter rows, column by column, and inserts them.

    The rows are those of :func:`survey.demo.generator.responses` for the same draws
    (tests/bench/test_generate.py compares them), built with NumPy instead of one
    Python object per response.
    """

    def __init__(self, conn: Connection, items: ItemIndex, site_ids: dict[str, int]) -> None:
        self.conn, self.items, self.site_ids = conn, items, site_ids
        dialect = conn.dialect
        self.uid = _converter(Response.__table__.c.id, dialect)
        self.day = _converter(Response.__table__.c.day, dialect)
        self.hex_ids = self.uid(uuid.UUID(int=1)) == uuid.UUID(int=1).hex
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

    def _ids(self, d: MonthDraw) -> np.ndarray:
        """Version-4 UUIDs: a running number in the first 48 bits, the demo's random bits after."""
        n = len(d.channels)
        raw = np.frombuffer(d.ids, dtype=np.uint8).reshape(n, 16).copy()
        raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40  # version 4
        raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
        seq = np.arange(self.seq + 1, self.seq + n + 1, dtype=">u8")
        raw[:, :6] = seq.view(np.uint8).reshape(n, 8)[:, 2:]
        self.seq += n
        text = raw.tobytes().hex()
        hexes = [text[32 * k : 32 * k + 32] for k in range(n)]
        if self.hex_ids:
            return np.array(hexes, dtype=object)
        return np.array([uuid.UUID(hex=h) for h in hexes], dtype=object)

    def write(self, d: MonthDraw) -> None:
        n = len(d.channels)
        ids, item_ids, qid = self._ids(d), self.items.ids, self.items.questionnaire_id
        site = self.site_ids[d.site]
        channels = np.array(CHANNELS, dtype=object)[d.channels]
        locales = np.array(d.locale_names, dtype=object)[d.locales]
        days = np.array([self.day(day) for day in d.days], dtype=object)[d.day_index]
        responses = list(zip(ids.tolist(), repeat(site), repeat(qid), channels.tolist(),
                             locales.tolist(), days.tolist(), d.bands.tolist(), repeat(None),
                             repeat(False)))  # fmt: skip
        who: list[np.ndarray] = []
        what: list[np.ndarray] = []
        value: list[np.ndarray] = []
        for j, code in enumerate(ANSWER_ORDER):
            values = d.categorical[code] if code in d.categorical else d.scale[code]
            if code == "appointment":
                values = np.where(d.no_appointment, NOT_APPLICABLE, values)
            answered = np.flatnonzero(~d.skip[:, j])
            who.append(answered)
            what.append(np.full(len(answered), item_ids[code]))
            value.append(values[answered])
        for option, item in IMPROVE_FROM.items():
            low = d.scale[item] <= 2 if item is not None else np.zeros(n, dtype=bool)
            named = d.wants_improve & (d.improve_draw[:, option - 1] < np.where(low, 0.55, 0.06))
            chosen = np.flatnonzero(named)
            who.append(chosen)
            what.append(np.full(len(chosen), item_ids["improve"]))
            value.append(np.full(len(chosen), option))
        k = np.concatenate(who)
        order = np.argsort(k, kind="stable")  # in key order: appends to the answer B-tree
        answers = list(zip(ids[k[order]].tolist(), np.concatenate(what)[order].tolist(),
                           np.concatenate(value)[order].tolist(), strict=True))  # fmt: skip
        comments = []
        for c in np.flatnonzero(d.has_comment):
            locale = d.locale_names[d.locales[c]]
            pool = COMMENTS.get(locale) or COMMENTS["de"]
            comments.append((ids[c], pool[d.comment_pick[c] % len(pool)]))
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
            conn.exec_driver_sql("PRAGMA busy_timeout=600000")  # readers may come meanwhile
        with Session(bind=conn) as session:
            questionnaire = find(session, "core@1")
            assert questionnaire is not None, "core@1 is published by the migration"
            items = ItemIndex.load(conn, questionnaire.id)
        conn.commit()
        writer = Writer(conn, items, site_ids)
        started, cpu = time.perf_counter(), time.process_time()
        since_commit = 0
        for draw in draws(responses, seed):
            writer.write(draw)
            since_commit += len(draw.channels)
            if since_commit >= COMMIT_EVERY:
                conn.commit()
                since_commit = 0
                if progress:
                    progress(writer.built)
        conn.commit()
        built = writer.built
        built.insert_seconds = time.perf_counter() - started
        built.insert_cpu = time.process_time() - cpu
        started, cpu = time.perf_counter(), time.process_time()
        if conn.dialect.name == "sqlite":  # the recount sorts the answers: fewer merge passes
            conn.exec_driver_sql("PRAGMA cache_size=-1048576")  # 1 GiB
            conn.exec_driver_sql("PRAGMA threads=2")
        tallies.rebuild(conn)
        conn.commit()
        built.tally_seconds = time.perf_counter() - started
        built.tally_cpu = time.process_time() - cpu
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
              f"({time.perf_counter() - started:.0f} s, CPU {time.process_time():.0f} s)",
              flush=True)  # fmt: skip

    built = build(engine, args.responses, args.seed, progress)
    print(
        f"{built.responses:,} responses, {built.answers:,} answers, {built.comments:,} comments: "
        f"inserted in {built.insert_seconds:.0f} s (CPU {built.insert_cpu:.0f} s), "
        f"tallies rebuilt in {built.tally_seconds:.0f} s (CPU {built.tally_cpu:.0f} s)",
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
