"""``python -m survey.assets build [DIR]``: the static files' build step (see __init__)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from survey import ROOT

from .build import build

SOURCE = ROOT / "survey" / "static"
DEFAULT_OUT = ROOT / "build" / "static"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m survey.assets")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("build", help="hashed, compressed copies of survey/static")
    make.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    built = build(SOURCE, args.out)
    print(
        f"{built.files} files ({len(built.manifest)} hashed), {built.compressed} compressed copies"
    )
    print(f"serve them with SURVEY_STATIC_BUILD={args.out.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
