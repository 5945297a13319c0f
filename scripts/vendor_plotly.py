"""Vendor the partial plotly.js bundle the dashboards load (survey/static/dashboard/vendor/).

    python scripts/vendor_plotly.py            # fetch, verify, unpack
    python scripts/vendor_plotly.py --check    # only verify the committed copy

The dashboards draw Scatter, Bar and Heatmap traces (analysis/figures,
survey/dashboard/charts.py): all three are in plotly.js's "cartesian" partial
bundle, about a third of the full ``plotly.min.js`` (1.4 MB against 4.9 MB;
gzip 0.47 MB against 1.4 MB). The bundle is the npm package
``plotly.js-cartesian-dist-min``, fetched with ``npm pack`` from the npm registry
and checked against the integrity hash pinned below. Its version is the plotly.js
that the Python ``plotly`` package bundles, so the figures' JSON (made by the Python
package) and the browser's library agree; after an upgrade of the Python package,
change VERSION and INTEGRITY (``npm view plotly.js-cartesian-dist-min@X dist.integrity``)
and run this script again.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "survey" / "static" / "dashboard" / "vendor"
PACKAGE = "plotly.js-cartesian-dist-min"
VERSION = "3.7.0"
INTEGRITY = (
    "sha512-kfQjcAXXByRlskP8JsrlGYRPOvB+kOehZk/qBNewgr9SOMEnBN5nwEnUGOAQ0EEgYdQX51z3VZ81a"
    "BnDgSr9Bw=="
)
#: file in the package -> file in TARGET
FILES = {"package/plotly-cartesian.min.js": "plotly-cartesian.min.js", "package/LICENSE": "LICENSE"}


def python_plotlyjs_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch(workdir: Path) -> Path:
    subprocess.run(  # noqa: S603
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent", "--pack-destination", str(workdir)],  # noqa: S607
        check=True,
        stdout=subprocess.DEVNULL,
    )
    tarball = workdir / f"{PACKAGE}-{VERSION}.tgz"
    found = integrity(tarball.read_bytes())
    if found != INTEGRITY:
        raise SystemExit(f"{tarball.name}: integrity {found} is not the pinned {INTEGRITY}")
    return tarball


def unpack(tarball: Path) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        for member, name in FILES.items():
            source = archive.extractfile(member)
            if source is None:
                raise SystemExit(f"{tarball.name} has no {member}")
            (TARGET / name).write_bytes(source.read())


def check() -> int:
    bundle = TARGET / "plotly-cartesian.min.js"
    head = bundle.read_text(encoding="utf-8")[:200]
    if f"v{VERSION}" not in head:
        print(f"{bundle} is not plotly.js {VERSION}: run scripts/vendor_plotly.py", file=sys.stderr)
        return 1
    if (wanted := python_plotlyjs_version()) != VERSION:
        print(
            f"the Python plotly package bundles plotly.js {wanted}, the vendored one is {VERSION}"
        )
        return 1
    size = bundle.stat().st_size
    print(f"{bundle.relative_to(ROOT)}: plotly.js {VERSION} (cartesian), {size:,} bytes")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only verify the committed copy")
    if not parser.parse_args().check:
        with tempfile.TemporaryDirectory() as tmp:
            unpack(fetch(Path(tmp)))
    return check()


if __name__ == "__main__":
    sys.exit(main())
