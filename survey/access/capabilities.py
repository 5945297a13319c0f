"""The permission table: what each role may do. Sites are handled by :mod:`.scope`."""

from __future__ import annotations

from enum import StrEnum


class Capability(StrEnum):
    #: Any signed-in staff member: own account, password, second factor.
    ACCOUNT = "account"
    DASHBOARD = "dashboard"
    REPORTS = "reports"
    #: Comparisons across all sites of the network.
    COMPARE = "compare"
    #: Raw free-text comments.
    COMMENTS = "comments"
    EXPORTS = "exports"
    #: Response-level exports with days (with a stated purpose, audit-logged);
    #: everyone else with EXPORTS gets the month-level, k-anonymous file.
    EXPORTS_DAYS = "exports_days"
    DEVICES = "devices"
    INVITATIONS = "invitations"
    SITE_SETTINGS = "site_settings"
    #: Create sites, delete a site's data.
    SITES = "sites"
    USERS = "users"
    AUDIT = "audit"
    QUESTIONNAIRES = "questionnaires"
    #: Record and delete a site's measures (marks on its trend charts).
    MEASURES = "measures"
    #: Set a site's alert rules and see their state.
    ALERTS = "alerts"


C = Capability

PERMISSIONS: dict[str, frozenset[Capability]] = {
    "admin": frozenset(Capability),
    "provider": frozenset(
        {
            C.ACCOUNT,
            C.DASHBOARD,
            C.REPORTS,
            C.COMPARE,
            C.COMMENTS,
            C.EXPORTS,
            C.EXPORTS_DAYS,
            C.QUESTIONNAIRES,
            C.MEASURES,
            C.ALERTS,
        }
    ),
    "lead": frozenset(
        {
            C.ACCOUNT,
            C.DASHBOARD,
            C.REPORTS,
            C.COMMENTS,
            C.EXPORTS,
            C.DEVICES,
            C.INVITATIONS,
            C.SITE_SETTINGS,
            C.MEASURES,
            C.ALERTS,
        }
    ),
    "viewer": frozenset({C.ACCOUNT, C.DASHBOARD, C.REPORTS}),
}

#: Capabilities that are not about one site's data: a role that has one of
#: them has it network-wide (only admin and provider have any).
NETWORK_CAPABILITIES = frozenset(
    {C.COMPARE, C.SITES, C.USERS, C.AUDIT, C.QUESTIONNAIRES, C.EXPORTS_DAYS}
)


def can(role: str | None, capability: Capability) -> bool:
    return role is not None and capability in PERMISSIONS.get(role, frozenset())
