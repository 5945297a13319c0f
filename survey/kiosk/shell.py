"""The kiosk shell: the files a tablet caches, and a version that changes with them."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from survey import ROOT
from survey.i18n.fonts import WEB_FONTS

STATIC_DIR = ROOT / "survey" / "static" / "kiosk"
TEMPLATE_DIR = ROOT / "templates" / "kiosk"
#: Static files of the kiosk app, as served under ``/static/kiosk/``.
ASSETS = ("kiosk.css", "store.js", "screens.js", "audio.js", "kiosk.js", "icon.svg")
PAIR_ASSETS = ("kiosk.css", "pair.js")
#: The app's own fonts for Arabic-script and Ethiopic locales (survey.i18n.fonts), served
#: under ``/static/fonts/``: linked by the kiosk page and cached by its service worker, so
#: that a tablet without these fonts, or offline, still shows every language.
FONTS = tuple(name for font in WEB_FONTS.values() for name in (font.stylesheet, font.woff2))

#: Content-Security-Policy of every kiosk page: no inline script or style,
#: nothing from another host, no way out through a frame or a form.
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    )
)


@cache
def version() -> str:
    """Short hash of the shell's files: a new version makes tablets refresh their cache."""
    digest = hashlib.sha256()
    files: list[Path] = sorted(STATIC_DIR.glob("*")) + sorted(TEMPLATE_DIR.glob("*"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def weight(fetch: Callable[[str], bytes], paths: list[str]) -> dict[str, int]:
    """Gzip size (level 9) of each served file of the shell, by path."""
    return {path: len(gzip.compress(fetch(path), compresslevel=9)) for path in paths}


#: What a tablet loads to show the kiosk, fonts excluded (``/kiosk`` and the bundle
#: are added by the caller, as they are rendered per request).
LIMIT_BYTES = 40 * 1024
