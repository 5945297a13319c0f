"""WhiteNoise in front of the app for ``/static/``: compressed, cacheable, no Python view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from whitenoise import WhiteNoise

from .build import HASHED, read_manifest

#: unhashed names: the browser asks again after this many seconds (a deploy shows soon)
SHORT_MAX_AGE = 300


def _headers(headers: Any, path: str, url: str) -> None:
    # WhiteNoise answers before Flask's after_request hooks (survey/security/headers.py)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"


def _immutable(path: str, url: str) -> bool:
    return bool(HASHED.search(url))


def init_app(app: Flask) -> None:
    build = app.config.get("SURVEY_STATIC_BUILD") or ""
    url_path = (app.static_url_path or "/static").strip("/") + "/"
    if build:
        root = Path(build)
        manifest = read_manifest(root)
        max_age = SHORT_MAX_AGE

        @app.url_defaults
        def _hashed(endpoint: str, values: dict[str, Any]) -> None:
            if endpoint == "static" and (name := manifest.get(values.get("filename", ""))):
                values["filename"] = name

    else:
        root = Path(app.static_folder or "")
        max_age = 0  # the source folder: revalidate, so that an edit shows at once
    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=str(root),
        prefix=url_path,
        autorefresh=app.debug,
        max_age=max_age,
        allow_all_origins=False,
        add_headers_function=_headers,
        immutable_file_test=_immutable,
    )
