"""A WeasyPrint ``url_fetcher`` that serves only files below the allowed folders.

``data:`` URLs (inline bytes, such as the images Plotly embeds in its SVG) are
served too. Everything else (``http://``, ``https://``, ``ftp://``, other hosts,
paths outside the folders, ``..`` escapes) is refused with :class:`RefusedURL`, so a
report can never make a network request or read a file of the host.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher


class RefusedURL(ValueError):
    """A report asked for a resource outside the allowed folders."""


class LocalFetcher(URLFetcher):
    """``url_fetcher`` for ``weasyprint.HTML``: local files below ``folders`` only."""

    def __init__(self, folders: Sequence[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.folders = [Path(f).resolve() for f in folders]

    def allowed(self, url: str) -> Path | None:
        """The local file ``url`` names (``None`` for a ``data:`` URL), or :class:`RefusedURL`."""
        parts = urlsplit(url)
        if parts.scheme == "data":
            return None
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused: {url}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders):
            raise RefusedURL(f"refused: {url} is outside the report's folders")
        if not path.is_file():
            raise RefusedURL(f"refused: {url} does not exist")
        return path

    def fetch(self, url: str, headers: dict[str, Any] | None = None) -> Any:
        self.allowed(url)
        return super().fetch(url, headers)
