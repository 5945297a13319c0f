"""Are the catalogs complete? Missing, empty, fuzzy and placeholder mismatches.

Staff-facing strings must be in ``de`` and ``en`` only; applicant-facing ones in
all 18 locales. A string is staff-facing when its context starts with ``staff``
or when every place it is used lies in a staff-facing file (:data:`STAFF_PATHS`:
extend it when a staff feature gets a new package or template folder).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from . import locales
from .workflow import po_path, read_catalog, read_template

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]")
#: Jinja formats every translated string, so a lone "%" would break the page.
STRAY_PERCENT = "%?"
STAFF_PREFIX = "staff"
STAFF_LOCALES = ("de", "en")
STAFF_PATHS = (
    "analysis/reports/",
    "survey/accounts/",
    "survey/admin/",
    "survey/dashboard/",
    "survey/exports/",
    "survey/reports/",
    "templates/accounts/",
    "templates/admin/",
    "templates/dashboard/",
    "templates/exports/",
    "templates/reports/",
    "survey/kiosk/status_strings.py",
    "templates/kiosk/pair.html",
    "survey/security/errors.py",
    "templates/security/",
    "survey/form/staff_views.py",
    "templates/form/staff/",
    "survey/measures/",
    "templates/measures/",
    "survey/alerts/",
    "templates/alerts/",
    "survey/effects/",
    "templates/effects/",
    "survey/start/",
    "templates/start/",
    "survey/home/",
    "templates/home/",
)


@dataclass(frozen=True)
class Problem:
    locale: str
    kind: str  # missing | fuzzy | placeholder | no catalog
    msgid: str
    context: str | None = None

    def __str__(self) -> str:
        where = f"[{self.context}] " if self.context else ""
        return f"{self.locale}: {self.kind}: {where}{self.msgid[:70]!r}"


def placeholders(text: str) -> list[str]:
    """Named placeholders of ``text``, plus a marker for a "%" that is not one (nor "%%")."""
    names = sorted(PLACEHOLDER.findall(text))
    rest = PLACEHOLDER.sub("", text).replace("%%", "")
    return [*names, STRAY_PERCENT] if "%" in rest else names


def staff_only(message: Message) -> bool:
    if (message.context or "").startswith(STAFF_PREFIX):
        return True
    paths = [path.replace("\\", "/") for path, _line in message.locations]
    return bool(paths) and all(path.startswith(STAFF_PATHS) for path in paths)


def required_in(message: Message, code: str) -> bool:
    return code in STAFF_LOCALES if staff_only(message) else True


def translations_of(message: Message) -> list[str]:
    if isinstance(message.string, tuple | list):
        return list(message.string)
    return [message.string or ""]


def check_catalog(template: Catalog, catalog: Catalog, code: str) -> list[Problem]:
    problems = []
    for source in template:
        if not source.id or not required_in(source, code):
            continue
        msgid = source.id if isinstance(source.id, str) else source.id[0]
        found = catalog.get(source.id, context=source.context)
        if found is None or not all(translations_of(found)):
            problems.append(Problem(code, "missing", msgid, source.context))
            continue
        if found.fuzzy:
            problems.append(Problem(code, "fuzzy", msgid, source.context))
        expected = placeholders(msgid)
        if any(placeholders(s) != expected for s in translations_of(found)):
            problems.append(Problem(code, "placeholder", msgid, source.context))
    return problems


def check(directory: Path, codes: Iterable[str] | None = None) -> list[Problem]:
    """Every problem of every (or the given) locale against ``messages.pot``."""
    template = read_template(directory)
    problems: list[Problem] = []
    for info in [locales.get(c) for c in codes] if codes else locales.LOCALES:
        if not po_path(directory, info.catalog).exists():
            problems.append(Problem(info.code, "no catalog", str(po_path(directory, info.catalog))))
            continue
        problems.extend(check_catalog(template, read_catalog(directory, info), info.code))
    return problems
