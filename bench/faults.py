"""The long fault run of issue 10: kiosks with retries against gunicorn while things break.

    python bench/faults.py [--kiosks 20] [--responses 200] [--instances 1]

Creates a throwaway PostgreSQL database (SURVEY_TEST_POSTGRES_URL, default the
local server as user postgres), pairs the kiosks, starts gunicorn (2 sync
workers per instance on 127.0.0.1) and lets every kiosk submit its responses,
each retried with the same UUID on timeouts, connection errors and 5xx, while
a chaos thread SIGKILLs workers and terminates the app's database connections.
Then checks: stored responses == distinct submitted UUIDs (none lost, none
doubled), no response without answers, tallies == recount. Exit 1 on failure.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout

from tests.databases import postgres_database
from tests.survey.responses.checks import assert_tallies_match_recount
from tests.survey.scale import harness


def main() -> int:
    # SIGTERM (e.g. from `timeout`) unwinds like Ctrl-C: servers stopped, databases dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--responses", type=int, default=200)
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--budget", type=float, default=1800, help="seconds before giving up")
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, postgres_database("survey_faults") as url:
        tokens = harness.prepare_database(url, args.kiosks)
        log = harness.KioskLog()
        started = time.monotonic()
        with harness.instances(url, Path(tmp), args.instances, workers=args.workers) as servers:
            ports = [s.port for s in servers]
            chaos = harness.Chaos(servers, url, seed=args.seed)
            deadline = time.monotonic() + args.budget
            with chaos.running():
                threads = [
                    threading.Thread(
                        target=harness.run_kiosk,
                        args=(token, ports, args.responses, args.seed + n, log, deadline),
                        daemon=True,
                    )
                    for n, token in enumerate(tokens)
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
        elapsed = time.monotonic() - started
        engine = harness.engine_for(url)
        try:
            found = harness.stored(engine)
            with engine.connect() as conn:
                try:
                    assert_tallies_match_recount(conn)
                    tallies_ok = True
                except AssertionError as exc:
                    print(exc, file=sys.stderr)
                    tallies_ok = False
        finally:
            engine.dispose()
    report = {
        "kiosks": args.kiosks,
        "responses_each": args.responses,
        "instances": args.instances,
        "seconds": round(elapsed, 1),
        "submitted_distinct": len(log.sent),
        "confirmed": len(log.confirmed),
        "stored": found.rows,
        "lost": len(log.sent - found.ids),
        "unexpected": len(found.ids - log.sent),
        "without_answers": found.without_answers,
        "rejected": len(log.rejected),
        "attempts_by_status": {str(k): v for k, v in sorted(log.statuses.items())},
        "retries": log.retries,
        "workers_killed": chaos.kills,
        "backends_terminated": chaos.terminated,
        "tallies_match_recount": tallies_ok,
    }
    print(json.dumps(report, indent=2))
    ok = (
        report["lost"] == 0
        and report["unexpected"] == 0
        and found.rows == len(found.ids)
        and report["without_answers"] == 0
        and report["rejected"] == 0
        and report["confirmed"] == report["submitted_distinct"] == args.kiosks * args.responses
        and tallies_ok
    )
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
