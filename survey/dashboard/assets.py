"""plotly.js, served by the app from the copy bundled in the Python ``plotly`` package."""

from __future__ import annotations

import functools
import gzip
from importlib import resources

from flask import Response, request


@functools.cache
def plotly_js() -> tuple[bytes, bytes]:
    """The minified bundle, plain and gzip-compressed (compressed once per process)."""
    raw = resources.files("plotly").joinpath("package_data/plotly.min.js").read_bytes()
    return raw, gzip.compress(raw, compresslevel=9, mtime=0)


def plotly_response() -> Response:
    raw, packed = plotly_js()
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    response = Response(packed if gzipped else raw, mimetype="text/javascript")
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
