"""Configuration: defaults, overridden by ``SURVEY_*`` environment variables.

``create_app`` layers three sources: :func:`defaults`, then :func:`from_environ`,
then the mapping handed to the factory (which is how tests configure the app
without touching ``os.environ``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: Environment variables with a name of their own; every other ``SURVEY_X``
#: variable sets the config key ``SURVEY_X`` of the same name.
RENAMED = {
    "SURVEY_DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SURVEY_SECRET_KEY": "SECRET_KEY",
}

SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a secret


def defaults(instance_path: str) -> dict[str, Any]:
    """The settings a fresh checkout runs with: SQLite in the instance folder."""
    return {
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(Path(instance_path) / "survey.sqlite3"),
        "SECRET_KEY": None,
        # Largest request body accepted (bytes). A full questionnaire with a
        # 2,000-character comment in a 3-byte script is well under 16 KiB.
        "MAX_CONTENT_LENGTH": 64 * 1024,
        # Fail fast in create_app with a readable message when the database
        # cannot be reached, instead of on the first request.
        "SURVEY_CHECK_DATABASE": True,
        # PostgreSQL connections per app process (and as many again on demand).
        "SURVEY_DB_POOL_SIZE": 2,
        "SURVEY_DEFAULT_LOCALE": "de",
        # Questionnaire audio (survey/audio): recordings and espeak-ng drafts.
        "SURVEY_AUDIO_DIR": str(Path(instance_path) / "audio"),
        # Folder of the static files' build (python -m survey.assets build DIR): hashed,
        # pre-compressed copies served with long cache lifetimes. Empty: survey/static as is.
        "SURVEY_STATIC_BUILD": "",
        # Finished report and export files under <instance>/reports/ are
        # removed after this many hours (running jobs never are).
        "SURVEY_REPORT_KEEP_HOURS": 24,
        # Background jobs (survey/reports/queue.py): Huey on <instance>/jobs.sqlite3,
        # or on Redis (redis://…) shared by several instances. CONSUMER: "" runs
        # them in `flask report worker`, "thread" in this process (./dev serve),
        # "immediate" in the request (tests). WORKERS jobs run at once, QUEUE more
        # may wait, one per user; a job is killed after TIME_LIMIT seconds.
        "SURVEY_JOBS_URL": "",
        "SURVEY_JOBS_NAME": "survey-jobs",  # the queue's name in that storage
        "SURVEY_JOBS_CONSUMER": "",
        "SURVEY_JOBS_WORKERS": 2,
        "SURVEY_JOBS_QUEUE": 8,
        "SURVEY_JOBS_TIME_LIMIT": 1800,
        # The offices' time zone: a response's day and hour band are local.
        "SURVEY_TIMEZONE": "Europe/Berlin",
        # Security (survey/security): HTTPS marks cookies Secure and sends HSTS;
        # PROXY_FIX_* count the reverse proxies setting each X-Forwarded-* header;
        # rate-limit counters live in memory (one process) or Redis (several).
        "SURVEY_HTTPS": False,
        "SURVEY_PROXY_FIX_X_FOR": 0,
        "SURVEY_PROXY_FIX_X_PROTO": 0,
        "SURVEY_PROXY_FIX_X_HOST": 0,
        "SURVEY_PROXY_FIX_X_PORT": 0,
        "SURVEY_PROXY_FIX_X_PREFIX": 0,
        "SURVEY_RATELIMIT_STORAGE_URI": "survey-memory://",
        # Alert e-mails (survey/alerts/mail.py): none without a host and a sender.
        # TLS means STARTTLS on the port (587 usually); USER/PASSWORD log in if set.
        "SURVEY_SMTP_HOST": "",
        "SURVEY_SMTP_PORT": 25,
        "SURVEY_SMTP_USER": "",
        "SURVEY_SMTP_PASSWORD": "",
        "SURVEY_SMTP_FROM": "",
        "SURVEY_SMTP_TLS": False,
        # Staff sessions end after this many seconds without a request (8 hours)...
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,
        # ...and at the latest this many seconds after signing in, even when in
        # use (each request renews the idle limit, never this one).
        "SURVEY_SESSION_MAX_SECONDS": 12 * 3600,
        # An enrolment link (new account, lost second factor) works once, this long.
        "SURVEY_ENROLMENT_HOURS": 72,
    }


def from_environ(environ: Mapping[str, str], current: Mapping[str, Any]) -> dict[str, Any]:
    """Read ``SURVEY_*`` variables, typed after the default they replace."""
    out: dict[str, Any] = {}
    for name, raw in environ.items():
        if not name.startswith("SURVEY_"):
            continue
        key = RENAMED.get(name, name)
        out[key] = _coerce(raw, current.get(key))
    return out


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        if raw.strip().lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.strip().lower() in {"0", "false", "no", "off", ""}:
            return False
        raise ValueError(f"expected a boolean (true/false), got {raw!r}")
    if isinstance(default, int):
        return int(raw)
    return raw


def load_or_create_secret_key(instance_path: str) -> str:
    """The instance's secret key, generated on first run and kept (mode 0600)."""
    path = Path(instance_path) / SECRET_KEY_FILE
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key
