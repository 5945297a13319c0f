"""Print the gzip weight of the kiosk shell (everything a tablet loads but fonts and data).

    python bench/kiosk_weight.py

Runs the app against a throwaway SQLite database and fetches each file as a
tablet would; fails (exit 1) above the 40 KB budget of issue 5.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's survey/

from survey import create_app
from survey.kiosk import shell
from survey.kiosk.views import shell_paths


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"INSTANCE_PATH": tmp, "SECRET_KEY": "bench"})
        client = app.test_client()

        def fetch(path: str) -> bytes:
            with client.get(path) as response:
                assert response.status_code == 200, (path, response.status_code)
                return response.get_data()

        with app.test_request_context():
            paths = shell_paths()
        sizes = shell.weight(fetch, paths)
    for path, size in sizes.items():
        print(f"{size:>7,} B  {path}")
    total = sum(sizes.values())
    print(
        f"{total:>7,} B  total gzip ({total / 1024:.1f} KB; budget {shell.LIMIT_BYTES // 1024} KB)"
    )
    return 0 if total <= shell.LIMIT_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
