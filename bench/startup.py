"""Start-up time of the app factory and of the CLI, against a bare ``import flask``.

    python bench/startup.py [--runs 7] [--against /path/to/other/checkout]

Each measurement is a fresh interpreter (``python -c ...`` or ``flask --help``),
the three kinds interleaved in one run so that the machine's load hits them alike.
Prints the medians (wall and CPU time of the child), their ratios to the bare
``import flask`` of the same run, and which heavy libraries the factory imported.
``--against`` times another checkout's ``create_app()`` and ``flask --help`` in the
same interleaved run (e.g. the main branch before a change).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
FLASK = str(Path(PYTHON).with_name("flask"))

#: libraries that the factory and the CLI's registration should not import
HEAVY = ("scipy", "statsmodels", "plotly", "kaleido", "weasyprint", "pandas", "numpy", "alembic")

FACTORY = "from survey import create_app; create_app({'SECRET_KEY': 'bench'})"
LOADED = (
    FACTORY.replace("; create_app", "; import sys, json; create_app")
    + f"; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
)

COMMANDS = {
    "import flask": [PYTHON, "-c", "import flask"],
    "create_app()": [PYTHON, "-c", FACTORY],
    "flask --help": [FLASK, "--app", "wsgi", "--help"],
}


def timed(argv: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        argv, cwd=cwd, env={**env, "PYTHONPATH": str(cwd)}, check=True, stdout=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another checkout to time alike")
    args = parser.parse_args()
    commands = {name: (argv, ROOT) for name, argv in COMMANDS.items()}
    if args.against:
        for name in ("create_app()", "flask --help"):
            commands[f"{name} [other]"] = (COMMANDS[name], args.against.resolve())
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SURVEY_INSTANCE_PATH": tmp}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for argv, cwd in commands.values():  # warm the bytecode and the page cache
            timed(argv, env, cwd)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (argv, cwd) in commands.items():
                results[name].append(timed(argv, env, cwd))
        loaded = subprocess.run(
            [PYTHON, "-c", LOADED],
            cwd=ROOT,
            env={**env, "PYTHONPATH": str(ROOT)},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    base_wall = statistics.median(w for w, _ in results["import flask"])
    base_cpu = statistics.median(c for _, c in results["import flask"])
    print(f"{'command':<22} {'wall s':>7} {'CPU s':>7} {'× flask wall':>13} {'× flask CPU':>12}")
    for name, samples in results.items():
        wall = statistics.median(w for w, _ in samples)
        cpu = statistics.median(c for _, c in samples)
        print(
            f"{name:<22} {wall:>7.3f} {cpu:>7.3f} {wall / base_wall:>13.1f} {cpu / base_cpu:>12.1f}"
        )
    print(f"medians of {args.runs} interleaved runs; load average {os.getloadavg()[0]:.1f}")
    print("heavy libraries imported by create_app():", ", ".join(json.loads(loaded)) or "none")
    if args.against:
        print(f"[other] = {args.against.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
