"""Submission throughput: the online form and the kiosk API against a bare insert.

    python bench/throughput.py [--seconds 10] [--rounds 3] [--db sqlite postgresql]

Needs ``wrk`` (Debian: ``apt-get install wrk``). For each database (SQLite in
WAL mode in a temporary file; PostgreSQL in a throwaway database on
SURVEY_TEST_POSTGRES_URL) it starts, under gunicorn with the deployed settings
(2 sync workers on 127.0.0.1):

- **bare**: ``bench/bare_app.py``, a Flask + SQLAlchemy endpoint inserting one
  response row (its own migrated database of the same kind);
- **stored**: the same bare app storing the whole response as the app does
  (response, answers, three tallies) and nothing else: the floor of the app's
  paths, which shows how much of the gap is storage and how much the rest;
- the app, on its own database, for two paths:
  **form**: ``POST /s/WI`` as a browser sends it (session cookie, CSRF token,
  honeypot field, response UUID, answers; answered with the 303 to the thank-you
  page), with the per-address rate limit raised so that wrk's one address is
  never refused (the limiter still counts every request);
  **kiosk**: ``POST /kiosk/api/responses`` (device token, validation, minimum
  interval, response + answers + three tallies in one transaction).

The form's CSRF token is valid for the session it was issued in (Flask-WTF,
one hour), as for a person who fills in the form: the form page is fetched
once, and every wrk request posts its session cookie and token with a fresh
response UUID and random answers (``bench/submit.lua``); 8 paired devices for
the kiosk. wrk loads one target at a time, in rounds of bare, stored,
form, kiosk after a warm-up; per round the ratios to bare and to stored are
taken, and the medians of req/s, p50, p99 and of the per-round ratios are
printed as a Markdown table. Afterwards the tallies must equal a recount, and the stored
responses must equal the 2xx/3xx answers wrk counted.
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
import urllib.parse
import urllib.request
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


PATHS = {
    "bare": "/bare",
    "stored": "/bare/stored",
    "form": "/s/WI",
    "kiosk": "/kiosk/api/responses",
}
TARGETS = tuple(PATHS)


def open_form(url: str) -> dict[str, str]:
    """The session cookie and CSRF token of a freshly served form (as a browser has them)."""
    with urllib.request.urlopen(url + PATHS["form"], timeout=30) as response:  # noqa: S310
        html = response.read().decode()
        cookie = response.headers.get("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return {"BENCH_COOKIE": cookie, "BENCH_CSRF": urllib.parse.quote(token, safe="")}


def run_database(kind: str, args: argparse.Namespace, tmp: Path) -> dict:
    with ExitStack() as stack:
        urls = {}
        for target in ("bare", "app"):
            if kind == "sqlite":
                urls[target] = stack.enter_context(sqlite_database(tmp / target))
                (tmp / target).mkdir(exist_ok=True)
            else:
                urls[target] = stack.enter_context(postgres_database(f"survey_bench_{target}"))
        tokens = harness.prepare_database(urls["app"], kiosks=8)
        harness.prepare_database(urls["bare"], kiosks=0)
        limit = {"SURVEY_FORM_RATELIMIT": "1000000 per minute"}
        bare = harness.Gunicorn(urls["bare"], tmp / f"{kind}-bare", app="bench.bare_app:app")
        stack.callback(bare.stop)
        app = harness.Gunicorn(urls["app"], tmp / f"{kind}-app", env=limit)
        stack.callback(app.stop)
        bare.wait_ready()
        app.wait_ready()
        servers = {"bare": bare, "stored": bare, "form": app, "kiosk": app}
        env = {
            "BENCH_TOKENS": ",".join(tokens),
            "BENCH_ANSWERED_AT": (utcnow() - timedelta(minutes=1)).isoformat(),
            **open_form(app.url),
        }
        modes = {"bare": "kiosk", "stored": "kiosk", "form": "form", "kiosk": "kiosk"}
        results: dict[str, list[dict]] = {target: [] for target in TARGETS}

        def load(target: str, seconds: float) -> dict:
            return wrk(
                servers[target].url + PATHS[target],
                seconds,
                args.connections,
                {**env, "BENCH_MODE": modes[target]},
            )

        for target in TARGETS:  # warm-up: imports, pools, caches
            load(target, 2)
        for _ in range(args.rounds):
            for target in TARGETS:
                results[target].append(load(target, args.seconds))
        bare.stop()
        app.stop()
        stored = {target: count_responses(url) for target, url in urls.items()}
        engine = harness.engine_for(urls["app"])
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
        " | ratio path/bare (median of rounds; rounds) | ratio path/stored | non-2xx/3xx |",
        "|---|---|---:|---:|---:|---|---:|---:|",
    ]
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.db:
            out = run_database(kind, args, Path(tmp))
            res = out["results"]
            for target in TARGETS:
                rows = res[target]
                ratios = [r["rps"] / b["rps"] for r, b in zip(rows, res["bare"], strict=True)]
                each = ", ".join(f"{r:.2f}" for r in ratios)
                ratio = (
                    "1.00" if target == "bare" else f"**{statistics.median(ratios):.2f}** ({each})"
                )
                floor = statistics.median(
                    r["rps"] / s["rps"] for r, s in zip(rows, res["stored"], strict=True)
                )
                lines.append(
                    f"| {kind} | {target} | {median(rows, 'rps'):,.0f} | {median(rows, 'p50'):.1f}"
                    f" | {median(rows, 'p99'):.1f} | {ratio} | {floor:.2f}"
                    f" | {sum(r['non2xx'] for r in rows)} |"
                )
            answered = {t: sum(r["requests"] - r["non2xx"] for r in res[t]) for t in TARGETS}
            print(
                f"{kind}: stored rows {out['stored']}, answered 2xx/3xx {answered}", file=sys.stderr
            )
            for target in TARGETS:
                for row in res[target]:
                    if row["non2xx"] or row["socket_errors"]:
                        print(f"{kind} {target}: {row}", file=sys.stderr)
                        ok = ok and not row["non2xx"]
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
