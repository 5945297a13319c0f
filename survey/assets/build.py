"""The build step: hashed copies of the static files, with Brotli and gzip beside them."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from whitenoise.compress import Compressor

MANIFEST = "manifest.json"
#: ``name.<12 hex digits>.ext``: the names that may be cached for good
HASHED = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")
#: kept under their own names only: the kiosk's service worker lists its shell by
#: fixed URL and versions it itself (``?v=``, survey/kiosk/shell.py)
UNHASHED_PREFIXES = ("kiosk/",)
#: already compressed formats (WOFF2 is Brotli inside)
SKIP_COMPRESS = ("woff2", "woff", "png", "jpg", "jpeg", "gif", "webp", "gz", "br", "zip")


@dataclass(frozen=True)
class Built:
    files: int
    compressed: int
    manifest: dict[str, str]


def hashed_name(relative: str, data: bytes) -> str:
    stem, dot, ext = relative.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:12]
    return f"{stem}.{digest}.{ext}" if dot else f"{relative}.{digest}"


def source_files(source: Path) -> list[Path]:
    return sorted(p for p in source.rglob("*") if p.is_file() and not p.name.startswith("."))


def build(source: Path, out: Path) -> Built:
    """Write the hashed and compressed copies of ``source`` into ``out``.

    Files of an earlier build stay (pages rendered before a deploy may still ask for
    them); the manifest is replaced last, in one rename.
    """
    if not source.is_dir():
        raise FileNotFoundError(f"no static folder at {source}")
    out.mkdir(parents=True, exist_ok=True)
    compressor = Compressor(extensions=SKIP_COMPRESS, quiet=True)
    manifest: dict[str, str] = {}
    files = compressed = 0
    for path in source_files(source):
        relative = path.relative_to(source).as_posix()
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        variants = compressor.compress(str(target)) if compressor.should_compress(path.name) else []
        files, compressed = files + 1, compressed + len(variants)
        if "." not in path.name or relative.startswith(UNHASHED_PREFIXES):
            continue
        manifest[relative] = hashed_name(relative, path.read_bytes())
        hashed = out / manifest[relative]
        shutil.copy2(target, hashed)  # the same bytes: compressed once, copied
        for variant in variants:
            shutil.copy2(variant, str(hashed) + variant[len(str(target)) :])
        files, compressed = files + 1, compressed + len(variants)
    partial = out / f".{MANIFEST}.tmp"
    partial.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(partial, out / MANIFEST)
    return Built(files=files, compressed=compressed, manifest=manifest)


def read_manifest(out: Path) -> dict[str, str]:
    path = out / MANIFEST
    if not path.is_file():
        command = f"python -m survey.assets build {out}"
        raise FileNotFoundError(f"SURVEY_STATIC_BUILD={out} has no {MANIFEST}: run `{command}`")
    return json.loads(path.read_text(encoding="utf-8"))
