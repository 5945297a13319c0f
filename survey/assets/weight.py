"""What a first visit to a page transfers: the page and every stylesheet, script and image
it links, as sent to a browser that accepts Brotli and gzip, with an empty cache.

A static file counts with the bytes the app sends (pre-compressed by the build, or
not at all). The HTML is made per request and left to the reverse proxy's gzip
(deploy/nginx.conf), so it counts with its gzip size.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable

from survey.form.weight import linked

#: issue 18: the first visit to a dashboard transfers at most this much
DASHBOARD_BUDGET = 600 * 1024
ACCEPT_ENCODING = "br, gzip"

#: fetch(url) -> (the body as sent, its Content-Encoding or None)
Fetch = Callable[[str], tuple[bytes, str | None]]


def first_visit(path: str, fetch: Fetch) -> dict[str, int]:
    """Bytes on the wire per URL (bodies, without headers) for the page at ``path``."""
    html, encoding = fetch(path)
    sizes = {path: len(html) if encoding else len(gzip.compress(html, 6))}
    for url in linked(html.decode() if not encoding else gzip.decompress(html).decode()):
        if url.startswith(("http:", "https:", "//", "data:")) or url in sizes:
            continue
        body, _ = fetch(url.replace("&amp;", "&"))
        sizes[url] = len(body)
    return sizes
