"""Benchmark: ``analysis summary --by month`` against DuckDB aggregating the raw rows.

For each size, a SQLite database with that many demo responses is built once
(by ``bench/generate.py``: the demo's responses written in bulk, tallies by
``tallies.rebuild``; or with ``--builder demo`` by ``flask db upgrade`` +
``flask demo``, which takes about 15 minutes per million), then measured in child
processes, so that each gets its own peak memory (``ru_maxrss``):

- ``ours (CLI)``: ``flask --app wsgi analysis summary --by month --format json``,
  end to end (Python start, app factory, query of the tallies, statistics, JSON);
- ``ours (library)``: the :func:`analysis.summary.summarize` call alone;
- ``duckdb``: DuckDB reading the same SQLite file through the sqlite_scanner
  extension (loaded from the PyPI package, no download), computing the same
  figures directly from the ``response`` and ``answer`` rows: counts per
  site × month × item × value, n, mean, standard deviation and top-2 share of
  the 1–5 items, respondents of the multiple-choice item, with network rows.

The figures are checked against each other (every n and mean of the shown rows),
and the table is printed as Markdown for docs/performance.md.

    python bench/summary_vs_duckdb.py --responses 100000 1000000 10000000 --workdir /work/benchdata

DuckDB gets ``memory_limit`` (``--duckdb-memory``, default 10GB) and spills to a
``duckdb.tmp`` folder beside the database instead of the working directory.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DUCKDB_SCRIPT = r"""
import json, sys, time, glob, os
import duckdb, duckdb_extension_sqlite_scanner as pkg
db = sys.argv[1]
memory = sys.argv[3]
start = time.perf_counter()
where = os.path.join(os.path.dirname(pkg.__file__), "extensions", "*", "*.duckdb_extension")
ext = glob.glob(where)[0]
offline = {"autoinstall_known_extensions": False, "autoload_known_extensions": False,
           "memory_limit": memory,
           "temp_directory": os.path.join(os.path.dirname(db), "duckdb.tmp")}
con = duckdb.connect(config=offline)
con.execute(f"LOAD '{ext}'")
con.execute(f"ATTACH '{db}' AS s (TYPE sqlite, READ_ONLY)")
base = '''
  SELECT st.code AS site, substr(CAST(r.day AS VARCHAR), 1, 7) AS period, i.code AS item,
         i.kind AS kind, i.max_value AS top, a.value AS value, a.response_id AS rid
  FROM s.response r JOIN s.answer a ON a.response_id = r.id
  JOIN s.site st ON st.id = r.site_id JOIN s.item i ON i.id = a.item_id
  JOIN s.questionnaire q ON q.id = r.questionnaire_id
  WHERE NOT CAST(r.flagged AS BOOLEAN) AND q.code = 'core' AND q.version = 1 AND a.value > 0
'''
con.execute(f"CREATE TEMP TABLE v AS {base}")
dist = con.execute('''
  SELECT coalesce(site, 'ALL'), period, item, value, count(*) FROM v
  GROUP BY GROUPING SETS ((site, period, item, value), (period, item, value))
''').fetchall()
scale = con.execute('''
  SELECT coalesce(site, 'ALL'), period, item, count(*), avg(value), stddev_samp(value),
         avg(CASE WHEN value >= top - 1 THEN 1.0 ELSE 0.0 END)
  FROM v WHERE kind = 'scale'
  GROUP BY GROUPING SETS ((site, period, item), (period, item))
''').fetchall()
multi = con.execute('''
  SELECT coalesce(site, 'ALL'), period, item, count(DISTINCT rid) FROM v WHERE kind = 'multi'
  GROUP BY GROUPING SETS ((site, period, item), (period, item))
''').fetchall()
seconds = time.perf_counter() - start
out = {"seconds": seconds, "scale": [list(r) for r in scale], "multi": [list(r) for r in multi],
       "dist_rows": len(dist)}
json.dump(out, open(sys.argv[2], "w"))
"""

LIBRARY_SCRIPT = r"""
import sys, time, json
from sqlalchemy import create_engine
start = time.perf_counter()
from analysis.summary import summarize
from analysis.output import to_json
engine = create_engine("sqlite:///" + sys.argv[1])
result = summarize(engine, by="month")
text = to_json(result)
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(result.rows)}))
"""


def child(
    args: list[str], env: dict[str, str], stdout: Path | None = None
) -> tuple[float, float, float]:
    """Run a child process; return (wall seconds, CPU seconds, peak RSS in MB).

    CPU time (user + system, all threads) is given beside wall time because the
    benchmark machine is shared: under load, wall time mostly measures waiting.
    """
    start = time.perf_counter()
    with open(stdout or os.devnull, "w") as out:
        proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{args} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def build(
    workdir: Path, responses: int, seed: int, builder: str
) -> tuple[Path, dict[str, str], float]:
    instance = workdir / f"r{responses}"
    instance.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SURVEY_INSTANCE_PATH": str(instance), "PYTHONPATH": str(ROOT)}
    db = instance / "survey.sqlite3"
    seconds = 0.0
    if not db.exists():
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        start = time.perf_counter()
        if builder == "generate":
            script = [sys.executable, str(ROOT / "bench" / "generate.py"), "--db", str(db)]
            subprocess.run(
                [*script, "--responses", str(responses), "--seed", str(seed)],
                env=env, cwd=ROOT, check=True,
            )  # fmt: skip
            return db, env, time.perf_counter() - start
        subprocess.run(
            [*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True
        )
        subprocess.run(
            [*flask, "demo", "--responses", str(responses), "--seed", str(seed)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - start
    return db, env, seconds


def check(ours: Path, duck: Path) -> tuple[int, int]:
    """Compare n and mean of every shown scale row; return (compared, mismatches)."""
    rows = {(r["site"], r["period"], r["item"]): r for r in json.loads(ours.read_text())["rows"]}
    compared = mismatches = 0
    for site, period, item, n, mean, _sd, top2 in json.loads(duck.read_text())["scale"]:
        row = rows.get((site, period, item))
        if row is None or row["suppressed"]:
            continue
        compared += 1
        if row["n"] != n or abs(row["mean"] - mean) > 1e-5 * mean or abs(row["top2"] - top2) > 1e-5:
            mismatches += 1
    return compared, mismatches


def measure(
    db: Path, env: dict[str, str], repeats: int, duckdb_memory: str
) -> dict[str, dict[str, float]]:
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    out, duck = db.parent / "summary.json", db.parent / "duckdb.json"
    runs: dict[str, list[tuple[float, float, float]]] = {"cli": [], "library": [], "duckdb": []}
    for _ in range(repeats):  # interleaved, so that load changes hit all three alike
        summary = [*flask, "analysis", "summary", "--by", "month", "--format", "json"]
        runs["cli"].append(child(summary, env, out))
        runs["library"].append(child([sys.executable, "-c", LIBRARY_SCRIPT, str(db)], env))
        duckdb_args = [sys.executable, "-c", DUCKDB_SCRIPT, str(db), str(duck), duckdb_memory]
        runs["duckdb"].append(child(duckdb_args, env))
    compared, mismatches = check(out, duck)
    result = {
        name: {
            "wall": statistics.median(r[0] for r in rs),
            "cpu": statistics.median(r[1] for r in rs),
            "mb": max(r[2] for r in rs),
        }
        for name, rs in runs.items()
    }
    result["check"] = {"compared": compared, "mismatches": mismatches}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--responses", type=int, nargs="+", default=[100_000])
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "survey-bench"
    )
    parser.add_argument("--builder", choices=("generate", "demo"), default="generate")
    parser.add_argument("--duckdb-memory", default="10GB")
    args = parser.parse_args()
    print(
        "| responses | wall s: CLI / library / DuckDB | CPU s: CLI / library / DuckDB | "
        "ratio CLI/DuckDB wall (CPU) | ratio library/DuckDB wall (CPU) | "
        "peak MB: CLI / library / DuckDB | cells checked |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.responses:
        db, env, build_s = build(args.workdir, n, args.seed, args.builder)
        r = measure(db, env, args.repeats, args.duckdb_memory)
        cli, lib, ddb = r["cli"], r["library"], r["duckdb"]
        print(
            f"| {n:,} | {cli['wall']:.2f} / {lib['wall']:.2f} / {ddb['wall']:.2f} "
            f"| {cli['cpu']:.2f} / {lib['cpu']:.2f} / {ddb['cpu']:.2f} "
            f"| {cli['wall'] / ddb['wall']:.2f} ({cli['cpu'] / ddb['cpu']:.2f}) "
            f"| {lib['wall'] / ddb['wall']:.2f} ({lib['cpu'] / ddb['cpu']:.2f}) "
            f"| {cli['mb']:.0f} / {lib['mb']:.0f} / {ddb['mb']:.0f} "
            f"| {r['check']['compared']:,} ({r['check']['mismatches']} differ) |",
            flush=True,
        )
        with sqlite3.connect(db) as conn:
            sizes = {
                t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
                for t in ("response", "answer", "tally_answer")
            }
        print(
            f"(responses {sizes['response']:,}, answer rows {sizes['answer']:,}, "
            f"tally_answer rows {sizes['tally_answer']:,}"
            + (f"; built in {build_s:.0f} s)" if build_s else ")"),
            flush=True,
        )


if __name__ == "__main__":
    main()
