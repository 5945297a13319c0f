"""Bytes transferred by the first visit to a lead dashboard, in real Chromium.

    python bench/transfer.py [--responses 20000]

Builds the static files (``python -m survey.assets build``, as deployed), loads the
demo into a throwaway SQLite database, serves the app on 127.0.0.1 from a thread and
opens ``/dashboard/WI`` as the demo's lead in Debian's Chromium with an empty cache
(it accepts Brotli and gzip, as every browser does). Counts the bytes Chromium
received for the page and everything it loaded (``encodedDataLength``: headers and
bodies as on the wire), waits until every chart is drawn, and prints them per URL.

The app leaves the HTML uncompressed (nginx's ``gzip on`` compresses it in a
deployment); the line "HTML as gzip" gives the total with the HTML's gzip size
instead. The sum of the responses' bodies (``survey.assets.weight.first_visit``, what
the test checks) is printed beside it. Budget (issue 18): 600 KB.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import threading
from importlib import resources
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's survey/

from werkzeug.serving import WSGIRequestHandler, make_server

from survey import create_app
from survey.assets.__main__ import SOURCE
from survey.assets.build import build
from survey.assets.weight import ACCEPT_ENCODING, DASHBOARD_BUDGET, first_visit
from survey.database import db, migrations
from survey.demo.operations import load

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
DRAWN = """() => {
  const charts = [...document.querySelectorAll('[data-figure]')];
  return charts.length > 0 && charts.every(c => c.classList.contains('js-plotly-plot'));
}"""


class Quiet(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


def chromium_visit(base: str, path: str, user: str, password: str) -> dict[str, tuple[int, str]]:
    """url -> (encoded bytes received, Content-Encoding) of one first visit."""
    from playwright.sync_api import sync_playwright

    received: dict[str, tuple[int, str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{base}/login")
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]")
        page.wait_for_url(f"{base}/admin/")
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.clearBrowserCache")
        urls: dict[str, tuple[str, str]] = {}
        cdp.on(
            "Network.responseReceived",
            lambda e: urls.__setitem__(
                e["requestId"],
                (e["response"]["url"], e["response"]["headers"].get("Content-Encoding", "")),
            ),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: received.__setitem__(
                urls.get(e["requestId"], ("?", ""))[0].removeprefix(base),
                (int(e["encodedDataLength"]), urls.get(e["requestId"], ("?", ""))[1]),
            ),
        )
        page.goto(f"{base}{path}", wait_until="load")
        page.wait_for_function(DRAWN, timeout=120_000)
        page.wait_for_load_state("networkidle")
        browser.close()
    return received


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build(SOURCE, Path(tmp) / "static")
        app = create_app(
            {
                "INSTANCE_PATH": tmp,
                "SECRET_KEY": "bench",
                "SURVEY_STATIC_BUILD": str(Path(tmp) / "static"),
            }
        )
        with app.app_context():
            migrations.upgrade(db.engine)
            demo = load(db.session, responses=args.responses, seed=2016)
            db.session.commit()
        _, password = demo.users["lead-wi"]
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=Quiet)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            seen = chromium_visit(base, "/dashboard/WI", "lead-wi", password)
            summed = _summed(app, "lead-wi", password)
        finally:
            server.shutdown()
            server.server_close()
    full = resources.files("plotly").joinpath("package_data/plotly.min.js").read_bytes()
    print(f"{'URL (Chromium, empty cache)':<64} {'bytes':>9}  encoding")
    for url, (size, encoding) in sorted(seen.items(), key=lambda kv: -kv[1][0]):
        print(f"{url[:64]:<64} {size:>9,}  {encoding or '-'}")
    total = sum(size for size, _ in seen.values())
    html = next(size for url, (size, _) in seen.items() if url.startswith("/dashboard/WI"))
    print(f"{'total on the wire (HTML uncompressed, dev server)':<64} {total:>9,}")
    print(f"{'total with the HTML as gzip (nginx gzip on)':<64} {total - html + summed[1]:>9,}")
    print(f"{'sum of the response bodies (survey.assets.weight)':<64} {summed[0]:>9,}")
    print(f"budget {DASHBOARD_BUDGET:,} bytes (600 KB)")
    print(
        f"for comparison, the full plotly.min.js: {len(full):,} bytes, "
        f"gzip {len(gzip.compress(full, 9)):,}"
    )
    return 0 if total - html + summed[1] <= DASHBOARD_BUDGET else 1


def _summed(app: Any, user: str, password: str) -> tuple[int, int]:
    """Sum of the bodies of the first visit, and the HTML's gzip size."""
    from tests.survey.staff import post_form

    client = app.test_client()
    post_form(client, "/login", {"username": user, "password": password})

    def fetch(url: str) -> tuple[bytes, str | None]:
        with client.get(url, headers={"Accept-Encoding": ACCEPT_ENCODING}) as response:
            return response.get_data(), response.headers.get("Content-Encoding")

    sizes = first_visit("/dashboard/WI", fetch)
    return sum(sizes.values()), sizes["/dashboard/WI"]


if __name__ == "__main__":
    sys.exit(main())
