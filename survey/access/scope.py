"""Site scoping in one place (after pretix's ScopedManager).

Every read of office data asks a :class:`Scope` for its query::

    scope = scope_for(current_user, Capability.COMMENTS)
    rows = db.session.execute(scope.select(Comment)).scalars()

A scope knows the site ids the user may see for one capability: every site
(admin, provider), the user's own sites (lead, viewer), or none (anonymous, or
a role without the capability). Models without a registered site column cannot
be selected through a scope at all, so an unscoped read fails loudly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort
from sqlalchemy import ColumnElement, Select, false, select
from sqlalchemy.orm import InstrumentedAttribute

from survey.alerts.models import AlertRule
from survey.database import db
from survey.form.models import InvitationCode
from survey.kiosk.models import KioskDevice, PairingCode
from survey.measures.models import Measure
from survey.responses.models import Answer, Comment, Response
from survey.responses.tallies import AnswerTally, MonthTally, ResponseTally
from survey.sites.models import Site
from survey.sites.operations import lookup_code

from .capabilities import NETWORK_CAPABILITIES, Capability, can

#: model → the column naming its site.
SITE_COLUMNS: dict[type[Any], InstrumentedAttribute[int]] = {
    Site: Site.id,
    Response: Response.site_id,
    KioskDevice: KioskDevice.site_id,
    PairingCode: PairingCode.site_id,
    InvitationCode: InvitationCode.site_id,
    ResponseTally: ResponseTally.site_id,
    AnswerTally: AnswerTally.site_id,
    MonthTally: MonthTally.site_id,
    Measure: Measure.site_id,
    AlertRule: AlertRule.site_id,
}

#: models without a site column of their own: the join that reaches one.
JOINED: dict[type[Any], tuple[type[Any], ColumnElement[bool]]] = {
    Comment: (Response, Comment.response_id == Response.id),
    Answer: (Response, Answer.response_id == Response.id),
}


@dataclass(frozen=True)
class Scope:
    """The sites visible for one capability; ``site_ids=None`` means every site."""

    capability: Capability
    site_ids: frozenset[int] | None

    @property
    def everything(self) -> bool:
        return self.site_ids is None

    @property
    def nothing(self) -> bool:
        return self.site_ids is not None and not self.site_ids

    def allows(self, site_id: int | None) -> bool:
        if site_id is None:
            return False
        return self.site_ids is None or site_id in self.site_ids

    def where(self, column: ColumnElement[int] | InstrumentedAttribute[int]) -> ColumnElement[bool]:
        """The condition ``column`` (a site id) must meet."""
        if self.site_ids is None:
            return column.is_not(None)
        if not self.site_ids:
            return false()
        return column.in_(sorted(self.site_ids))

    def filter(self, stmt: Select[Any], column: InstrumentedAttribute[int]) -> Select[Any]:
        """Restrict any statement by its site column."""
        return stmt.where(self.where(column))

    def select(self, model: type[Any], *columns: Any) -> Select[Any]:
        """``select(model)`` (or of ``columns``) limited to the visible sites."""
        stmt = select(*columns).select_from(model) if columns else select(model)
        if model in JOINED:
            target, on = JOINED[model]
            return stmt.join(target, on).where(self.where(SITE_COLUMNS[target]))
        if model not in SITE_COLUMNS:
            raise TypeError(f"{model.__name__} has no site column registered in access.scope")
        return stmt.where(self.where(SITE_COLUMNS[model]))

    def sites(self) -> Select[tuple[Site]]:
        return self.select(Site).order_by(Site.code)

    def site_or_404(self, code: str) -> Site:
        """The site with short ``code``; 404 when it is unknown or not visible."""
        key = lookup_code(code)
        site = None if key is None else db.session.scalar(self.select(Site).where(Site.code == key))
        if site is None:
            abort(404)
        return site

    def get_or_404(self, model: type[Any], ident: Any) -> Any:
        """One row by primary key; 404 when missing or on a site not visible."""
        if model not in SITE_COLUMNS and model not in JOINED:
            raise TypeError(f"{model.__name__} has no site column registered in access.scope")
        primary = model.__mapper__.primary_key[0]
        row = db.session.scalar(self.select(model).where(primary == ident))
        if row is None:
            abort(404)
        return row


def scope_for(user: Any, capability: Capability) -> Scope:
    """The sites ``user`` may see for ``capability`` (none when it lacks it)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "active", False):
        return Scope(capability, frozenset())
    if not can(user.role, capability):
        return Scope(capability, frozenset())
    if user.sees_all_sites:
        return Scope(capability, None)
    if capability in NETWORK_CAPABILITIES:
        # Never granted to site-bound roles by the table; refuse if it ever were.
        return Scope(capability, frozenset())
    return Scope(capability, frozenset(site.id for site in user.sites))


def current_scope(capability: Capability) -> Scope:
    """The scope of the signed-in user (inside a request)."""
    from flask_login import current_user

    return scope_for(current_user, capability)


def unrestricted(capability: Capability) -> Scope:
    """Every site: for the command line, run by whoever administers the server."""
    return Scope(capability, None)
