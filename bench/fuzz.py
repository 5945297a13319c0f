"""The long fuzz run: 10,000 Hypothesis cases each against the kiosk JSON API, the
online form's POST, the CSV import and every staff route signed in as each role.

    python bench/fuzz.py [--cases 10000] [--db sqlite|postgresql] [--only kiosk form import staff]

Runs the fuzz tests of tests/survey/scale with SURVEY_FUZZ_EXAMPLES set (the
suite runs the same tests with 300 cases each): no 5xx (for the import: no
exception but a refusal with its reason), every rejection with its reason,
nothing of a rejected response or file stored, the tallies equal to a recount
after every case. Hypothesis prints how the cases ended (``Events``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = {
    "kiosk": "tests/survey/scale/test_fuzz.py",
    "form": "tests/survey/scale/test_fuzz_form.py",
    "import": "tests/survey/scale/test_fuzz_import.py",
    "staff": "tests/survey/scale/test_fuzz_staff.py::test_staff_routes_never_fail_for_any_role",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", "--examples", dest="cases", type=int, default=10_000)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--only", nargs="+", choices=list(TESTS), default=list(TESTS))
    args = parser.parse_args()
    env = {**os.environ, "SURVEY_FUZZ_EXAMPLES": str(args.cases), "SURVEY_TEST_DB": args.db}
    command = [
        sys.executable, "-m", "pytest", *(TESTS[name] for name in args.only), "-q",
        "-p", "no:cacheprovider", "--hypothesis-show-statistics",
    ]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
