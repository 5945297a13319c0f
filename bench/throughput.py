"""Submission throughput: the kiosk JSON path against a bare insert, same run, both databases.

    python bench/throughput.py [--seconds 10] [--rounds 3] [--db sqlite postgresql]

For each database (SQLite in WAL mode in a temporary file; PostgreSQL in a
throwaway database on SURVEY_TEST_POSTGRES_URL) it starts, under gunicorn
with 2 sync workers on 127.0.0.1:

- **bare**: ``bench/bare_app.py``, a Flask + SQLAlchemy endpoint inserting one
  response row (its own migrated database of the same kind);
- **kiosk**: the app's ``POST /kiosk/api/responses`` (device token, validation,
  response + answers + three tallies in one transaction).

wrk (``bench/submit.lua``, a fresh UUID per request, 8 paired devices) loads
them one at a time, alternating bare and kiosk for ``--rounds`` rounds after a
warm-up; the medians of req/s and p99 and the median of the per-round ratios
kiosk/bare are printed as a Markdown table. Afterwards every 2xx must be a
stored response and the tallies must equal a recount. The online-form POST is
measured when the app has one (``POST /s/<site>``); this branch has not.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout

from survey.database.types import utcnow
from tests.databases import postgres_database, sqlite_database
from tests.survey.responses.checks import assert_tallies_match_recount
from tests.survey.scale import harness

HERE = Path(__file__).resolve().parent
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def wrk(url: str, seconds: float, connections: int, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--latency", "--timeout", "10s",
            "-s", str(HERE / "submit.lua"), url,
        ],
        capture_output=True, text=True, check=True, env={**os.environ, **env},
        timeout=seconds + 60,
    )  # fmt: skip
    text = out.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    total = int(re.search(r"(\d+) requests in", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors:.*", text)
    return {
        "rps": rps,
        "p50": float(p50.group(1)) * UNITS[p50.group(2)],
        "p99": float(p99.group(1)) * UNITS[p99.group(2)],
        "requests": total,
        "non2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def count_responses(url: str) -> int:
    engine = harness.engine_for(url)
    try:
        return harness.stored(engine).rows
    finally:
        engine.dispose()


def run_database(kind: str, args: argparse.Namespace, tmp: Path) -> dict:
    with ExitStack() as stack:
        urls = {}
        for target in ("bare", "kiosk"):
            if kind == "sqlite":
                urls[target] = stack.enter_context(sqlite_database(tmp / target))
                (tmp / target).mkdir(exist_ok=True)
            else:
                urls[target] = stack.enter_context(postgres_database(f"survey_bench_{target}"))
        tokens = harness.prepare_database(urls["kiosk"], kiosks=8)
        harness.prepare_database(urls["bare"], kiosks=0)
        servers = {
            "bare": harness.Gunicorn(urls["bare"], tmp / f"{kind}-bare", app="bench.bare_app:app"),
            "kiosk": harness.Gunicorn(urls["kiosk"], tmp / f"{kind}-kiosk"),
        }
        for server in servers.values():
            stack.callback(server.stop)
        for server in servers.values():
            server.wait_ready()
        paths = {"bare": "/bare", "kiosk": "/kiosk/api/responses"}
        env = {
            "BENCH_TOKENS": ",".join(tokens),
            "BENCH_ANSWERED_AT": (utcnow() - timedelta(minutes=1)).isoformat(),
        }
        results: dict[str, list[dict]] = {"bare": [], "kiosk": []}
        for target, server in servers.items():  # warm-up: imports, pools, caches
            wrk(server.url + paths[target], 2, args.connections, env)
        for _ in range(args.rounds):
            for target, server in servers.items():
                results[target].append(
                    wrk(server.url + paths[target], args.seconds, args.connections, env)
                )
        for server in servers.values():
            server.stop()
        stored = {target: count_responses(url) for target, url in urls.items()}
        engine = harness.engine_for(urls["kiosk"])
        try:
            with engine.connect() as conn:
                assert_tallies_match_recount(conn)
        finally:
            engine.dispose()
    return {"results": results, "stored": stored}


def median(rows: list[dict], key: str) -> float:
    return statistics.median(row[key] for row in rows)


def main() -> int:
    # SIGTERM (e.g. from `timeout`) unwinds like Ctrl-C: servers stopped, databases dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    lines = [
        "| database | path | req/s (median) | p50 ms | p99 ms"
        " | ratio path/bare (median of rounds) | non-2xx |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.db:
            out = run_database(kind, args, Path(tmp))
            res = out["results"]
            ratios = [k["rps"] / b["rps"] for k, b in zip(res["kiosk"], res["bare"], strict=True)]
            for target in ("bare", "kiosk"):
                rows = res[target]
                ratio = "1.00" if target == "bare" else f"**{statistics.median(ratios):.2f}**"
                lines.append(
                    f"| {kind} | {target} | {median(rows, 'rps'):,.0f} | {median(rows, 'p50'):.1f}"
                    f" | {median(rows, 'p99'):.1f} | {ratio} | {sum(r['non2xx'] for r in rows)} |"
                )
            print(f"{kind}: rounds kiosk/bare = {', '.join(f'{r:.2f}' for r in ratios)}")
            print(f"{kind}: stored rows {out['stored']}", file=sys.stderr)
            for target in ("bare", "kiosk"):
                for row in res[target]:
                    if row["non2xx"] or row["socket_errors"]:
                        print(f"{kind} {target}: {row}", file=sys.stderr)
                        ok = ok and not row["non2xx"]
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
