"""Take the README's screenshots from the running app in headless Chromium.

    .venv/bin/python scripts/screenshots.py            # all shots
    .venv/bin/python scripts/screenshots.py form-ar    # some of them

It builds a throwaway SQLite database with demo data, serves the app on a
free local port, and saves PNGs into docs/screenshots/. Each shot is a URL, a
viewport and optional steps (e.g. log in first), listed in SHOTS.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from survey import create_app  # noqa: E402
from survey.database import db, migrations  # noqa: E402
from survey.demo.operations import load  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
TABLET_LANDSCAPE = {"width": 1280, "height": 800}
DESKTOP = {"width": 1366, "height": 900}


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    viewport: dict[str, int]
    steps: tuple[Callable[[Page, dict[str, str]], None], ...] = field(default=())
    full_page: bool = False


SHOTS: list[Shot] = [
    Shot("form-de", "/s/WI?lang=de", PHONE, full_page=True),
    Shot("form-ar", "/s/GI?lang=ar", PHONE),
    Shot("form-ti", "/s/GI?lang=ti", PHONE),
    Shot("form-de-easy", "/s/WI?lang=de-easy", PHONE),
]


def _serve(app) -> tuple[str, Callable[[], None]]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_port}", server.shutdown


def main(names: list[str]) -> None:
    shots = [s for s in SHOTS if not names or s.name in names]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"INSTANCE_PATH": tmp, "SECRET_KEY": "screenshots"})
        with app.app_context():
            migrations.upgrade(db.engine)
            result = load(db.session, responses=20_000, seed=2016)
            db.session.commit()
        passwords = {user: password for user, (_, password) in result.users.items()}
        base, stop = _serve(app)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                for shot in shots:
                    page = browser.new_page(viewport=shot.viewport)
                    for step in shot.steps:
                        step(page, {"base": base, **passwords})
                    page.goto(base + shot.path)
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(OUT / f"{shot.name}.png"), full_page=shot.full_page)
                    page.close()
                    print(f"docs/screenshots/{shot.name}.png")
                browser.close()
        finally:
            stop()


if __name__ == "__main__":
    main(sys.argv[1:])
