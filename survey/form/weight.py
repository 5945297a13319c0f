"""The weight of the form page: HTML plus the CSS and JS it loads, gzip, without web fonts.

Issue 4's budget is 25 KB; the anchors are what common survey tools ship.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable

LIMIT_BYTES = 25 * 1024
#: For comparison (gzip): the Formbricks survey bundle alone; SurveyJS core + UI.
ANCHORS = {"Formbricks survey bundle (JS)": 52 * 1024, "SurveyJS core + UI": 400 * 1024}

_LINKED = re.compile(r'<(?:link[^>]*\shref|script[^>]*\ssrc|img[^>]*\ssrc)="([^"]+)"')
FONT_CSS = re.compile(r"/static/fonts/")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def linked(html: str) -> list[str]:
    """Every stylesheet, script and image URL the page loads."""
    return _LINKED.findall(html)


def third_party(html: str) -> list[str]:
    """URLs the page would load from another host (must be none)."""
    return [url for url in linked(html) if url.startswith(("http:", "https:", "//"))]


def weigh(path: str, fetch: Callable[[str], bytes]) -> dict[str, int]:
    """gzip size of the page at ``path`` and of each local CSS/JS it loads, fonts excepted."""
    html = fetch(path)
    sizes = {path: gz(html)}
    for url in linked(html.decode()):
        if FONT_CSS.search(url) or url.startswith(("http:", "https:", "//", "data:")):
            continue
        sizes[url] = gz(fetch(url.replace("&amp;", "&")))
    return sizes
