"""A database that refuses writes (read-only, disk full) or went away: a clear 503.

The write path stores each response in one transaction, so when the database
refuses a statement nothing of the response is kept. The client is told to
come back later instead of seeing a 500: the kiosk API answers JSON
``{"error": "database_read_only" | "database_full" | "database_unavailable"}``
(the tablet keeps the response in its queue and retries on any 5xx), every
other page a short HTML page. A ``Retry-After`` header says when.
"""

from __future__ import annotations

import sqlite3

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError

#: SQLSTATE → reason (PostgreSQL error codes, Appendix A of its manual).
SQLSTATES = {
    "25006": "database_read_only",  # read_only_sql_transaction
    "53100": "database_full",  # disk_full
    "53000": "database_full",  # insufficient_resources
    "57P01": "database_unavailable",  # admin_shutdown (also pg_terminate_backend)
    "57P02": "database_unavailable",  # crash_shutdown
    "57P03": "database_unavailable",  # cannot_connect_now (starting up, recovery)
}
#: SQLite error code name → reason.
SQLITE_ERRORS = {
    "SQLITE_READONLY": "database_read_only",
    "SQLITE_FULL": "database_full",
    "SQLITE_BUSY": "database_unavailable",
}
SQLITE_MESSAGES = {
    "attempt to write a readonly database": "database_read_only",
    "database or disk is full": "database_full",
    "database is locked": "database_unavailable",
}
RETRY_AFTER_SECONDS = 60
#: Paths whose clients read JSON.
JSON_PREFIXES = ("/kiosk/api/",)


def unavailable_reason(exc: DBAPIError) -> str | None:
    """Why the database cannot take the request now, or ``None`` for any other error."""
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if sqlstate in SQLSTATES:
        return SQLSTATES[sqlstate]
    if isinstance(orig, sqlite3.Error):
        name = getattr(orig, "sqlite_errorname", "")
        for prefix, reason in SQLITE_ERRORS.items():
            if name.startswith(prefix):
                return reason
        message = str(orig).lower()
        for text, reason in SQLITE_MESSAGES.items():
            if text in message:
                return reason
    if exc.connection_invalidated:
        return "database_unavailable"
    return None


def init_errors(app: Flask) -> None:
    @app.errorhandler(DBAPIError)
    def _database_error(exc: DBAPIError) -> Response:
        reason = unavailable_reason(exc)
        if reason is None:
            raise exc
        from . import db

        db.session.rollback()
        app.logger.warning("database refused a request (%s): %s", reason, exc.orig)
        if request.path.startswith(JSON_PREFIXES):
            response = jsonify(error=reason)
        else:
            message = _(
                "Der Dienst ist gerade gestört. Es wurde nichts gespeichert. "
                "Bitte versuchen Sie es in einigen Minuten noch einmal."
            )
            response = Response(render_template("database/unavailable.html", message=message))
        response.status_code = 503
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response.headers["Cache-Control"] = "no-store"
        return response
