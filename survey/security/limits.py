"""Rate limits per client address on chosen views (the login forms, the online form).

Counted with ``limits``, the library Flask-Limiter is built on: the same
fixed-window strategy and storages (``survey-memory://`` in the process,
``redis://`` shared by several instances). Flask-Limiter itself is not used:
its hooks judged every request twice (once before any view, for limits the
app does not have, and again in the decorator), about a sixth of a request's
CPU even where no limit applies (docs/performance.md). Here only a decorated
view counts, once, for the methods it names.

Settings: ``SURVEY_RATELIMIT_STORAGE_URI`` and ``RATELIMIT_ENABLED`` (tests switch
limits off). Storages: ``survey-memory://`` counts inside one process (``flask
run``, tests); ``survey-database://`` in the app's database, shared by every
worker and instance with no extra server (what ``deploy/gunicorn.conf.py``
uses unless told otherwise); ``redis://`` in Redis.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, request
from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from survey.database import db

from . import memory_limits  # noqa: F401 - registers survey-memory://
from .database_limits import SCHEME as DATABASE_SCHEME
from .database_limits import DatabaseStorage

#: Attempts per client address at the password and second-factor forms.
LOGIN_LIMIT = "10 per minute; 60 per hour"

EXTENSION = "survey.limits"
#: namespace of the counters in a shared storage
PREFIX = "survey"


@dataclass(frozen=True)
class _State:
    enabled: bool
    strategy: FixedWindowRateLimiter


@functools.lru_cache(maxsize=64)
def _items(value: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(value))


class Limiter:
    """``@limiter.limit("10 per minute; 60 per hour")`` on a view; per app: ``init_app``."""

    def init_app(self, app: Flask) -> None:
        app.extensions[EXTENSION] = _State(
            enabled=bool(app.config.get("RATELIMIT_ENABLED", True)),
            strategy=FixedWindowRateLimiter(storage_for(app)),
        )

    def limit(
        self, value: str | Callable[[], str], methods: Collection[str] = ("POST",)
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Refuse with 429 (:class:`TooManyRequests`) the request that goes over ``value``
        (a string, or a function returning one: read from the config per request)."""

        def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(view)
            def limited(*args: Any, **kwargs: Any) -> Any:
                if request.method in methods:
                    self.hit(value() if callable(value) else value, request.endpoint or "")
                return view(*args, **kwargs)

            return limited

        return decorator

    def hit(self, value: str, scope: str, key: str | None = None) -> None:
        """Count this request's address (or ``key``) against ``value`` in ``scope``;
        429 when over."""
        state: _State = current_app.extensions[EXTENSION]
        if not state.enabled:
            return
        key = key or request.remote_addr or "unknown"
        for item in _items(value):
            if not state.strategy.hit(item, PREFIX, scope, key):
                raise TooManyRequests()


def storage_for(app: Flask) -> Storage:
    """The counters' storage named by ``SURVEY_RATELIMIT_STORAGE_URI``."""
    uri = str(app.config["SURVEY_RATELIMIT_STORAGE_URI"])
    if uri.split(":", 1)[0] == DATABASE_SCHEME:
        secret = str(app.secret_key or "").encode()
        return DatabaseStorage(uri, engine=lambda: db.engine, secret=secret)
    return storage_from_string(uri)


#: Keyed by the client address (behind a proxy: set SURVEY_PROXY_FIX_X_FOR).
limiter = Limiter()


def init_limits(app: Flask) -> None:
    limiter.init_app(app)
