"""The audio folder of the running app (``SURVEY_AUDIO_DIR``, default ``<instance>/audio``)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app


def audio_root() -> Path:
    configured = current_app.config.get("SURVEY_AUDIO_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "audio"
