"""Extract, update and compile the catalogs with Babel's Python API.

Babel's own front end cannot name a catalog folder that is not a Babel locale
(``de_easy``), so the three steps call the library directly; no shell is
involved. ``babel.cfg`` at the repository root says which files are read.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import locales
from .catalogs import DOMAIN

KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "_l": None,
    "lazy_gettext": None,
    "lazy_pgettext": ((1, "c"), 2),
}
TEMPLATE = f"{DOMAIN}.pot"
PROJECT = "willkommen-survey"


def po_path(directory: Path, catalog: str) -> Path:
    return directory / catalog / "LC_MESSAGES" / f"{DOMAIN}.po"


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# Header lines Babel rewrites on every run (the run's date, Babel's version): a catalog
# whose other lines are unchanged is left alone, so a run with no new strings changes no file.
_VOLATILE = re.compile(
    rb'^"(?:POT-Creation-Date|PO-Revision-Date|Generated-By): [^"]*"\n', re.MULTILINE
)


def _write_catalog_file(path: Path, write) -> None:
    """Write a .po/.pot file unless only its volatile header dates would change."""
    buffer = io.BytesIO()
    write(buffer)
    new = buffer.getvalue()
    if path.exists() and _VOLATILE.sub(b"", path.read_bytes()) == _VOLATILE.sub(b"", new):
        return
    _atomic_write(path, lambda fh: fh.write(new))


def extract(root: Path, directory: Path) -> Catalog:
    """Read sources named by ``root/babel.cfg`` and write ``messages.pot``."""
    with (root / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    template = Catalog(project=PROJECT, charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    _write_catalog_file(
        directory / TEMPLATE,
        lambda fh: write_po(fh, template, width=100, include_lineno=False, omit_header=False),
    )
    return template


def read_template(directory: Path) -> Catalog:
    with (directory / TEMPLATE).open("rb") as fh:
        return read_po(fh)


def read_catalog(directory: Path, info: locales.LocaleInfo) -> Catalog:
    with po_path(directory, info.catalog).open("rb") as fh:
        return read_po(fh, locale=info.babel)


def write_catalog(directory: Path, info: locales.LocaleInfo, catalog: Catalog) -> None:
    _write_catalog_file(
        po_path(directory, info.catalog),
        lambda fh: write_po(fh, catalog, width=100, include_lineno=False, ignore_obsolete=True),
    )


def _selected(codes: Iterable[str] | None) -> list[locales.LocaleInfo]:
    return [locales.get(c) for c in codes] if codes else list(locales.LOCALES)


def update(directory: Path, codes: Iterable[str] | None = None) -> list[str]:
    """Merge ``messages.pot`` into each locale's ``messages.po`` (new ones created)."""
    done = []
    for info in _selected(codes):
        # Catalog.update shares the template's Message objects: a fresh template each time
        template = read_template(directory)
        if po_path(directory, info.catalog).exists():
            catalog = read_catalog(directory, info)
        else:
            catalog = Catalog(locale=info.babel, project=PROJECT, charset="utf-8")
        catalog.update(template)
        if info.code == locales.SOURCE:
            _fill_source(catalog)
        write_catalog(directory, info, catalog)
        done.append(info.code)
    return done


def _fill_source(catalog: Catalog) -> None:
    """The msgids are German: a new or changed German entry is its msgid, not fuzzy."""
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            if message.fuzzy or not message.string:
                message.string = message.id
        elif message.fuzzy or not all(message.string or ()):
            message.string = tuple(message.id)
        message.flags.discard("fuzzy")
        message.previous_id = []


def compile_catalogs(directory: Path, codes: Iterable[str] | None = None) -> list[str]:
    """Write ``messages.mo`` next to each ``messages.po`` (fuzzy entries left out)."""
    done = []
    for info in _selected(codes):
        if not po_path(directory, info.catalog).exists():
            continue
        catalog = read_catalog(directory, info)
        _atomic_write(
            directory / info.catalog / "LC_MESSAGES" / f"{DOMAIN}.mo",
            lambda fh, c=catalog: write_mo(fh, c, use_fuzzy=False),
        )
        done.append(info.code)
    return done
