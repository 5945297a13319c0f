"""Declaring and enforcing access on views.

Every view says who may call it, with one of two decorators::

    @bp.get("/")
    @public
    def index(): ...

    @bp.route("/admin/sites/<site>/settings", methods=["GET", "POST"])
    @require(Capability.SITE_SETTINGS, site="site")
    def site_settings(site: Site): ...

    @bp.post("/admin/devices/<int:device_id>/revoke")
    @require(Capability.DEVICES, device_id="device")
    def revoke(device: KioskDevice): ...

``site="site"`` names the URL argument holding a site code: the decorator
resolves it through the user's scope and hands the view the :class:`Site`
(404 for a foreign or unknown site). Other URL arguments name an object kind
from :data:`OBJECT_KINDS`: the row is loaded through the scope too and handed
to the view under the kind's name. The scope itself is left in ``g.scope``
for the view's further reads. The declaration is kept on the view
(:func:`rule_of`), which is what the route × role × site test enumerates.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from flask import abort, current_app, g
from flask_login import current_user

from survey.accounts.models import User
from survey.database import db
from survey.kiosk.models import KioskDevice
from survey.measures.models import Measure

from .capabilities import Capability, can
from .scope import scope_for

F = TypeVar("F", bound=Callable[..., Any])

#: Endpoints without a view function of ours that are public by nature.
PUBLIC_ENDPOINTS = frozenset({"static"})

#: URL argument kinds besides ``site``: kind → model. Site-bound models are
#: loaded through the scope; the others need a network-wide capability.
OBJECT_KINDS: Mapping[str, type[Any]] = MappingProxyType(
    {"device": KioskDevice, "user": User, "measure": Measure}
)

#: Models of OBJECT_KINDS not bound to a site.
NETWORK_OBJECTS = frozenset({User})


@dataclass(frozen=True)
class AccessRule:
    """``capability=None`` declares a public view."""

    capability: Capability | None
    site_arg: str | None = None
    #: URL argument → object kind (a key of OBJECT_KINDS)
    objects: Mapping[str, str] = field(default_factory=dict)

    @property
    def public(self) -> bool:
        return self.capability is None


def rule_of(view: Callable[..., Any]) -> AccessRule | None:
    return getattr(view, "access_rule", None)


def public(view: F) -> F:
    """Anyone may call this view, signed in or not."""
    view.access_rule = AccessRule(None)  # type: ignore[attr-defined]
    return view


def require(capability: Capability, *, site: str | None = None, **objects: str) -> Callable[[F], F]:
    """Signed-in users whose role has ``capability``; on their sites when scoped."""
    for kind in objects.values():
        if kind not in OBJECT_KINDS:
            raise ValueError(f"unknown object kind {kind!r}: one of {sorted(OBJECT_KINDS)}")
    rule = AccessRule(capability, site, dict(objects))

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            kwargs = enforce(rule, kwargs)
            return view(*args, **kwargs)

        guarded.access_rule = rule  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def enforce(rule: AccessRule, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Check ``rule`` for the current user; return the view's arguments, resolved."""
    if rule.capability is None:
        return kwargs
    if not current_user.is_authenticated:
        abort(login_manager_unauthorized())
    if not can(current_user.role, rule.capability):
        abort(403)
    scope = scope_for(current_user, rule.capability)
    g.scope = scope
    resolved = dict(kwargs)
    if rule.site_arg is not None:
        resolved[rule.site_arg] = scope.site_or_404(str(kwargs[rule.site_arg]))
    for arg, kind in rule.objects.items():
        model = OBJECT_KINDS[kind]
        ident = resolved.pop(arg)
        if model in NETWORK_OBJECTS:
            if not scope.everything:
                abort(404)
            row = db.session.get(model, ident)
            if row is None:
                abort(404)
        else:
            row = scope.get_or_404(model, ident)
        resolved[kind] = row
    return resolved


def login_manager_unauthorized() -> Any:
    """The sign-in redirect (or 401) of Flask-Login, as a response."""
    return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
