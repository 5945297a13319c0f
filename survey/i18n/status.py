"""Translation status per locale: ``draft`` until a native speaker reviewed it.

Kept in ``translations/status.toml`` so that a reviewer's sign-off is a one-line
change next to the catalog, visible in ``translations status`` and to admins.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import locales
from .coverage import required_in, translations_of
from .workflow import po_path, read_catalog, read_template

STATUS_FILE = "status.toml"
STATES = ("draft", "reviewed")


@dataclass(frozen=True)
class LocaleStatus:
    code: str
    native: str
    state: str  # draft | reviewed
    note: str
    translated: int
    fuzzy: int
    total: int

    @property
    def complete(self) -> bool:
        return self.translated == self.total and not self.fuzzy


def read_states(directory: Path) -> dict[str, dict[str, str]]:
    path = directory / STATUS_FILE
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def report(directory: Path) -> list[LocaleStatus]:
    template = read_template(directory)
    states = read_states(directory)
    rows = []
    for info in locales.LOCALES:
        entry = states.get(info.code, {})
        state = entry.get("status", "draft")
        if state not in STATES:
            state = "draft"
        required = [m for m in template if m.id and required_in(m, info.code)]
        translated = fuzzy = 0
        if po_path(directory, info.catalog).exists():
            catalog = read_catalog(directory, info)
            for message in required:
                found = catalog.get(message.id, context=message.context)
                if found is not None and all(translations_of(found)):
                    if found.fuzzy:
                        fuzzy += 1
                    else:
                        translated += 1
        rows.append(
            LocaleStatus(
                info.code,
                info.native,
                state,
                entry.get("note", ""),
                translated,
                fuzzy,
                len(required),
            )
        )
    return rows
