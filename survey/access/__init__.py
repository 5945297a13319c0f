"""Access: who may do what, on which sites — decided here and nowhere else.

- :mod:`.capabilities`: the permission table, role → capabilities;
- :mod:`.scope`: the sites a user may see for a capability, and scoped queries
  (every read of responses, tallies, comments and devices goes through it);
- :mod:`.rules`: the decorators each view declares its access with.

``init_app`` refuses any endpoint that declares nothing (deny by default).
"""

from __future__ import annotations

from flask import Flask, abort, current_app, request

from .capabilities import Capability, can
from .rules import PUBLIC_ENDPOINTS, AccessRule, public, require, rule_of
from .scope import Scope, current_scope, scope_for, unrestricted

__all__ = [
    "PUBLIC_ENDPOINTS",
    "AccessRule",
    "Capability",
    "Scope",
    "can",
    "current_scope",
    "init_app",
    "public",
    "require",
    "rule_of",
    "scope_for",
    "unrestricted",
]


def init_app(app: Flask) -> None:
    app.before_request(_refuse_undeclared)
    app.context_processor(_template_helpers)


def _template_helpers() -> dict[str, object]:
    from flask_login import current_user

    def user_can(capability: str) -> bool:
        return can(getattr(current_user, "role", None), Capability(capability))

    return {"user_can": user_can}


def _refuse_undeclared() -> None:
    """A route that declares no access is refused, so none is open by mistake."""
    endpoint = request.endpoint
    if endpoint is None or endpoint in PUBLIC_ENDPOINTS:
        return
    view = current_app.view_functions.get(endpoint)
    if view is None or rule_of(view) is None:
        current_app.logger.error("endpoint %s declares no access rule: refused", endpoint)
        abort(403)
