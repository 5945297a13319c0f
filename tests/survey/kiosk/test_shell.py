"""The kiosk shell: locked down (CSP, no links out), installable, light."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from survey.kiosk import shell
from survey.kiosk.views import shell_paths


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _get(client, path: str) -> tuple[int, bytes]:
    """Status and body; the response is closed (static files are streamed)."""
    with client.get(path) as response:
        return response.status_code, response.get_data()


def test_pages_are_csp_locked_without_inline_code_or_links(client):
    for url in ("/kiosk", "/kiosk/pair"):
        response = client.get(url)
        assert response.status_code == 200
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        tags = _tags(response.get_data(as_text=True))
        assert not [t for t, _ in tags if t == "a"], "a link leads out of the kiosk"
        assert all(attrs.get("src") for t, attrs in tags if t == "script"), "inline script"
        assert not [t for t, _ in tags if t == "style"], "inline style element"
        for _tag, attrs in tags:
            assert "style" not in attrs
            assert not [name for name in attrs if name.startswith("on")], "inline handler"


def test_manifest_is_fullscreen_and_scoped_to_the_kiosk(client):
    manifest = client.get("/kiosk/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    body = manifest.get_json()
    assert (body["display"], body["start_url"], body["scope"]) == ("fullscreen", "/kiosk", "/kiosk")
    assert _get(client, body["icons"][0]["src"])[0] == 200


def test_service_worker_may_control_the_kiosk_and_caches_the_whole_shell(client):
    with client.get("/kiosk/sw.js") as response:
        assert response.headers["Service-Worker-Allowed"] == "/kiosk"
        assert "no-cache" in response.headers["Cache-Control"]
        source = response.get_data(as_text=True)
    listed = re.search(r"const ASSETS = \[(.*?)\];", source).group(1)
    assert re.findall(r'"([^"]+)"', listed) == list(shell.ASSETS)
    # every file of the shell is loaded by the page or imported by kiosk.js
    loaded = (_get(client, "/kiosk")[1] + _get(client, "/static/kiosk/kiosk.js")[1]).decode()
    for name in shell.ASSETS:
        assert _get(client, f"/static/kiosk/{name}")[0] == 200
        assert f"kiosk/{name}" in loaded or f'"./{name}"' in loaded, name


def test_the_kiosk_links_and_caches_the_apps_arabic_and_ethiopic_fonts(client):
    with client.get("/kiosk/sw.js") as response:
        source = response.get_data(as_text=True)
    listed = re.search(r"const FONTS = \[(.*?)\];", source).group(1)
    assert re.findall(r'"([^"]+)"', listed) == list(shell.FONTS)
    assert "...FONTS.map" in source  # part of the shell the worker caches on install
    assert {"NotoNaskhArabic-Regular.woff2", "NotoSansEthiopic-Regular.woff2"} <= set(shell.FONTS)
    links = [a["href"] for tag, a in _tags(_get(client, "/kiosk")[1].decode()) if tag == "link"]
    for name in shell.FONTS:
        assert _get(client, f"/static/fonts/{name}")[0] == 200, name
        if name.endswith(".css"):
            assert f"/static/fonts/{name}" in links, name


def test_shell_weighs_less_than_40_kb_gzip(app, client):
    def fetch(path: str) -> bytes:
        status, body = _get(client, path)
        assert status == 200, path
        return body

    with app.test_request_context():
        paths = shell_paths()
    sizes = shell.weight(fetch, paths)
    assert len(sizes) == len(shell.ASSETS) + 3
    assert sum(sizes.values()) <= shell.LIMIT_BYTES


def test_version_follows_the_files():
    assert re.fullmatch(r"[0-9a-f]{12}", shell.version())
