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
from typing import Any

from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from survey import create_app  # noqa: E402
from survey.database import db, migrations  # noqa: E402
from survey.database.types import utcnow  # noqa: E402
from survey.demo.operations import load  # noqa: E402
from survey.kiosk.pairing import create_code  # noqa: E402
from survey.sites.operations import get_site  # noqa: E402

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
TABLET_PORTRAIT = {"width": 800, "height": 1280}
DESKTOP = {"width": 1366, "height": 900}


Step = Callable[[Page, dict[str, Any]], None]


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    viewport: dict[str, int]
    #: run before opening ``path`` (e.g. sign in, pair a tablet) and after it (clicks)
    before: tuple[Step, ...] = field(default=())
    after: tuple[Step, ...] = field(default=())
    full_page: bool = False


def pair_tablet(page: Page, ctx: dict[str, Any]) -> None:
    """Pair this browser as a kiosk of Gießen, through the real pairing page."""
    with ctx["app"].app_context():
        issued = create_code(db.session, get_site(db.session, "GI"), utcnow(), "Schalter 1")
        db.session.commit()
    page.goto(ctx["base"] + "/kiosk/pair")
    page.fill("#code", issued.display)
    page.click("button[type=submit]")
    page.wait_for_selector("main[data-screen=attract]")


def sign_in(username: str) -> Step:
    """Sign in through the real login form as a demo user (leads need no second factor)."""

    def step(page: Page, ctx: dict[str, Any]) -> None:
        page.goto(ctx["base"] + "/login")
        page.fill("#username", username)
        page.fill("#password", ctx[username])
        page.click("form button[type=submit]")
        page.wait_for_load_state("networkidle")

    return step


def charts_drawn(page: Page, _ctx: dict[str, Any]) -> None:
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
    page.wait_for_timeout(1500)


def kiosk_start(page: Page, _ctx: dict[str, Any]) -> None:
    page.wait_for_selector("main[data-screen=attract]")
    page.click("main button.primary")
    page.wait_for_selector("main[data-screen=language]")


def kiosk_in(locale: str) -> Step:
    def step(page: Page, ctx: dict[str, Any]) -> None:
        kiosk_start(page, ctx)
        page.click(f"button[data-locale={locale}]")
        page.click("main button.skip")  # topic
        page.wait_for_selector("main .screen[data-item=overall]")
        page.click("main .options button[data-value='4']")

    return step


SHOTS: list[Shot] = [
    Shot("form-de", "/s/WI?lang=de", PHONE, full_page=True),
    Shot("form-ar", "/s/GI?lang=ar", PHONE),
    Shot("form-ti", "/s/GI?lang=ti", PHONE),
    Shot("form-de-easy", "/s/WI?lang=de-easy", PHONE),
    Shot(
        "kiosk-languages", "/kiosk", TABLET_LANDSCAPE, before=(pair_tablet,), after=(kiosk_start,)
    ),
    Shot(
        "kiosk-question-ar",
        "/kiosk",
        TABLET_PORTRAIT,
        before=(pair_tablet,),
        after=(kiosk_in("ar"),),
    ),
    Shot(
        "dashboard-lead",
        "/dashboard/WI?period=year",
        DESKTOP,
        before=(sign_in("lead-wi"),),
        after=(charts_drawn,),
        full_page=True,
    ),
    Shot(
        "dashboard-provider",
        "/dashboard?period=year",
        DESKTOP,
        before=(sign_in("provider"),),
        after=(charts_drawn,),
        full_page=True,
    ),
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
                ctx = {"base": base, "app": app, **passwords}
                for shot in shots:
                    page = browser.new_page(viewport=shot.viewport)
                    for step in shot.before:
                        step(page, ctx)
                    page.goto(base + shot.path)
                    page.wait_for_load_state("networkidle")
                    for step in shot.after:
                        step(page, ctx)
                    page.wait_for_timeout(300)  # let transitions settle
                    page.screenshot(path=str(OUT / f"{shot.name}.png"), full_page=shot.full_page)
                    page.close()
                    print(f"docs/screenshots/{shot.name}.png")
                browser.close()
        finally:
            stop()


if __name__ == "__main__":
    main(sys.argv[1:])
