"""Benchmark: server time of the dashboards on a large database.

Times the operations behind the office lead's dashboard (every chart of one
site) and the provider overview (every chart of all sites) on an existing
SQLite database (e.g. the 1M-response database that bench/summary_vs_duckdb.py
builds), inside a request context as the views call them, without HTTP and
template rendering. With ``--duckdb``, DuckDB computes each dashboard's figures
from the raw rows in a child process (bench/dashboard_duckdb.py), interleaved
with our runs, and the ratios ours/DuckDB per run are printed. Optionally runs
``--users`` concurrent lead dashboards (threads, one site each) and reports
the p50/p95 of their times. Read-only: nothing is written to the database.

    python bench/dashboard_speed.py --db /tmp/survey-bench-analysis/r1000000/survey.sqlite3 \
        --runs 3 --users 10 --duckdb
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from survey import create_app  # noqa: E402
from survey.dashboard import operations, overview  # noqa: E402
from survey.dashboard.filters import from_query  # noqa: E402
from survey.database import db  # noqa: E402


def duckdb_seconds(db: str, which: str, code: str, f) -> float:  # type: ignore[no-untyped-def]
    """DuckDB's time for the same figures (bench/dashboard_duckdb.py, a child process)."""
    args = [db, which, code, f.start, f.end, f.previous[0], f.trend_start, f.item]
    script = Path(__file__).with_name("dashboard_duckdb.py")
    done = subprocess.run(
        [sys.executable, str(script), *map(str, args)], check=True, capture_output=True, text=True
    )
    return float(json.loads(done.stdout)["seconds"])


def timed(call, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = call(*args)
    return time.perf_counter() - start, result


def _r(values: list[float]) -> list[float]:
    return [round(v, 2) for v in values]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--users", type=int, default=0)
    parser.add_argument("--duckdb", action="store_true", help="compare with DuckDB (same run)")
    args = parser.parse_args()
    url = f"sqlite:///file:{args.db}?mode=ro&uri=true"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.test_request_context("/dashboard/"):
        engine = db.engine
        f = from_query({}, operations.anchor(engine), operations.scale_items())
        from sqlalchemy import text

        with engine.connect() as conn:
            sites = [
                tuple(r) for r in conn.execute(text("SELECT code, id FROM site ORDER BY code"))
            ]
        code, site_id = sites[0]
        print(f"period {f.start} – {f.end}, site {code}, {len(sites)} sites")
        for key in operations.LEAD_CHARTS:
            seconds, _ = timed(operations.lead_chart, engine, key, code, site_id, f)
            print(f"lead chart {key}: {seconds:.2f} s")
        for key, build in overview.OVERVIEW_CHARTS.items():
            seconds, _ = timed(build, engine, f)
            print(f"overview chart {key}: {seconds:.2f} s")
        lead: list[float] = []
        net: list[float] = []
        duck: dict[str, list[float]] = {"lead": [], "overview": []}
        for _ in range(args.runs):  # interleaved: load changes hit both sides alike
            lead.append(timed(operations.lead_dashboard, engine, code, site_id, f)[0])
            if args.duckdb:
                duck["lead"].append(duckdb_seconds(args.db, "lead", code, f))
            net.append(timed(overview.overview, engine, f)[0])
            if args.duckdb:
                duck["overview"].append(duckdb_seconds(args.db, "overview", code, f))
            print(f"run: lead {lead[-1]:.2f} s, overview {net[-1]:.2f} s", flush=True)
            print(f"     DuckDB so far {duck}", flush=True)
        for name, ours, theirs in (
            ("lead dashboard", lead, duck["lead"]),
            ("provider overview", net, duck["overview"]),
        ):
            if not ours:  # --runs 0: only the charts and the concurrent users
                continue
            line = f"{name}: median {statistics.median(ours):.2f} s of {_r(ours)}"
            if theirs:
                ratios = [o / d for o, d in zip(ours, theirs, strict=True)]
                line += (
                    f"; DuckDB median {statistics.median(theirs):.2f} s of {_r(theirs)};"
                    f" ratio ours/DuckDB median {statistics.median(ratios):.2f} of {_r(ratios)}"
                )
            print(line, flush=True)

    if args.users:

        def one(k: int) -> float:
            code, site_id = sites[k % len(sites)]
            with app.test_request_context(f"/dashboard/{code}"):
                return timed(operations.lead_dashboard, db.engine, code, site_id, f)[0]

        start = time.perf_counter()
        with ThreadPoolExecutor(args.users) as pool:
            times = sorted(pool.map(one, range(args.users * 2)))
        wall = time.perf_counter() - start
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        print(
            f"{args.users} concurrent users, {len(times)} lead dashboards in {wall:.1f} s: "
            f"p50 {statistics.median(times):.2f} s, p95 {p95:.2f} s"
        )


if __name__ == "__main__":
    main()
