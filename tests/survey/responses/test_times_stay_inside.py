"""The hour band and a device's exact times never leave the database: only the write
path (and the migrations) name them, so no export, page, PDF, CSV or JSON can hold them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
NAMES = re.compile(r"\b(hour_band|HOUR_BANDS|last_response_at)\b")
#: the modules that write them (and the model and the demo's generator that makes them)
WRITERS = {
    "survey/responses/models.py",
    "survey/responses/submission.py",
    "survey/responses/operations.py",
    "survey/responses/bulk.py",
    "survey/demo/generator.py",
    "survey/demo/operations.py",
    "survey/kiosk/models.py",
    "survey/kiosk/operations.py",
    "survey/kiosk/coarse.py",
}


def test_only_the_write_path_names_the_hour_band_or_the_last_answer_time():
    readers = []
    for folder in ("survey", "analysis", "templates", "scripts"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".html", ".js", ".toml") or not path.is_file():
                continue
            name = path.relative_to(ROOT).as_posix()
            if NAMES.search(path.read_text(encoding="utf-8")) and name not in WRITERS:
                readers.append(name)
    assert readers == []
    assert "survey/responses/exporter.py" not in WRITERS  # the check covers the exports


def test_the_kiosk_operations_read_the_last_answer_time_only_for_the_interval():
    source = (ROOT / "survey/kiosk/operations.py").read_text(encoding="utf-8")
    status = source[source.index("class DeviceStatus") : source.index("def rename")]
    assert "last_response_at" not in status  # the devices page and CLI never show it
