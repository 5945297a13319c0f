"""Plain JSON and CSV renderings of analysis results (the formats of GUIDE.md §B).

Figures are rounded to :data:`DIGITS` significant digits. In CSV, every row of
the JSON becomes one line with the same field names; a nested value (the
distribution ``dist``) is written as compact JSON text, booleans as
``true``/``false`` and missing figures as empty fields.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

DIGITS = 6


def plain(value: Any) -> Any:
    """Dataclasses, mappings and lists as JSON-ready data, floats rounded."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return float(f"{value:.{DIGITS}g}")
    return value


def to_json(result: Any) -> str:
    return json.dumps(plain(result), ensure_ascii=False, indent=None)


def to_csv(rows: Iterable[Any], row_type: type) -> str:
    """One CSV line per row, with the field names of the dataclass ``row_type`` as header."""
    buffer = io.StringIO()
    names = [f.name for f in dataclasses.fields(row_type)]
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in plain(row).items()})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value
