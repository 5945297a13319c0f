"""Print the gzip weight of the online form /s/<site> per locale (HTML + CSS + JS, no fonts).

    python bench/page_weight.py

Runs the app against a throwaway SQLite database with one site and fetches the
page in each of the 18 locales as a phone would; prints the figures next to the
anchors of issue 4 and fails (exit 1) above the 25 KB budget or on any
third-party request.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's survey/

from sqlalchemy.orm import Session

from survey import create_app
from survey.database import db, migrations
from survey.form.weight import ANCHORS, LIMIT_BYTES, third_party, weigh
from survey.i18n import locales
from survey.sites.operations import add_site


def main() -> int:
    worst = 0
    foreign: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"INSTANCE_PATH": tmp, "SECRET_KEY": "bench"})
        with app.app_context():
            migrations.upgrade(db.engine)
            with Session(db.engine) as session, session.begin():
                add_site(session, "WI", "Wiesbaden")
        client = app.test_client()

        def fetch(path: str) -> bytes:
            with client.get(path) as response:
                assert response.status_code == 200, (path, response.status_code)
                return response.get_data()

        print(f"{'locale':<8} {'HTML':>8} {'CSS+JS':>8} {'total':>8}  (gzip bytes)")
        for info in locales.LOCALES:
            path = f"/s/WI?lang={info.code}"
            sizes = weigh(path, fetch)
            foreign += third_party(fetch(path).decode())
            total = sum(sizes.values())
            worst = max(worst, total)
            print(f"{info.code:<8} {sizes[path]:>8,} {total - sizes[path]:>8,} {total:>8,}")
    print(f"\nheaviest locale: {worst / 1024:.1f} KB gzip (budget {LIMIT_BYTES // 1024} KB)")
    for name, size in ANCHORS.items():
        print(f"anchor: {name}: {size // 1024} KB gzip ({size / max(worst, 1):.0f}× ours)")
    print(f"third-party requests: {len(foreign)}")
    return 0 if worst <= LIMIT_BYTES and not foreign else 1


if __name__ == "__main__":
    sys.exit(main())
