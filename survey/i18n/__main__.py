"""``python -m survey.i18n compile|check``: the build steps, without an app or a database.

``./dev`` compiles the catalogs this way before serving or testing, so that a
machine without a configured database (a CI runner, an image build) can do it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from survey import ROOT

from . import coverage, workflow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m survey.i18n")
    parser.add_argument("step", choices=("compile", "check"))
    parser.add_argument("--dir", default=str(ROOT / "translations"))
    args = parser.parse_args(argv)
    directory = Path(args.dir)
    if args.step == "compile":
        done = workflow.compile_catalogs(directory)
        print(f"compiled {len(done)} catalogs")
        return 0
    problems = coverage.check(directory)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problems" if problems else "all catalogs complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
