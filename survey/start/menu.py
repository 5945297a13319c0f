"""The staff menu: what a role works with, dashboards first, for the page's site.

Pure: it takes the role and the sites and returns links, so it is easy to test;
:func:`staff_menu` (a template global) feeds it the signed-in user.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from survey.access import Capability, can


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    endpoint: str

    @property
    def current(self) -> bool:
        return request.endpoint == self.endpoint


def _link(label: str, endpoint: str, **args: Any) -> Link:
    return Link(label, url_for(endpoint, **args), endpoint)


def _site_links(role: str, site: Any) -> list[Link]:
    code = site.code
    links = [_link(_("Dashboard %(name)s", name=site.name), "dashboard.lead", site=code)]
    if can(role, Capability.COMMENTS):
        links.append(_link(_("Kommentare"), "dashboard.comments", site=code))
    if can(role, Capability.REPORTS) or can(role, Capability.EXPORTS):
        url = url_for("dashboard.lead", site=code, _anchor="downloads")
        links.append(Link(_("Bericht und Rohdaten"), url, "reports.site_report"))
    links.append(_link(_("Maßnahmen"), "measures.index", site=code))
    links.append(_link(_("Wirkung der Maßnahmen"), "effects.site_effects", site=code))
    if can(role, Capability.ALERTS):
        links.append(_link(_("Hinweis-Regeln"), "alerts.rules", site=code))
    return links


def _network_links(role: str) -> list[Link]:
    if not can(role, Capability.COMPARE):
        return []
    return [
        _link(_("Netzwerk-Übersicht"), "dashboard.network"),
        _link(_("Wellenvergleich"), "dashboard.waves"),
        _link(_("Was hat gewirkt?"), "effects.catalogue"),
        _link(_("Veröffentlichung"), "reports.network_report"),
    ]


#: (capability, label, endpoint) of the administration pages
ADMIN_PAGES = (
    (Capability.DASHBOARD, _l("Standorte"), "admin.sites"),
    (Capability.DEVICES, _l("Geräte"), "admin.devices"),
    (Capability.USERS, _l("Benutzer"), "admin.users"),
    (Capability.QUESTIONNAIRES, _l("Fragebögen"), "admin.questionnaires"),
    (Capability.QUESTIONNAIRES, _l("Übersetzungen"), "admin.translations"),
    (Capability.QUESTIONNAIRES, _l("Skala"), "admin.presentation_page"),
    (Capability.AUDIT, _l("Protokoll"), "admin.audit"),
)


def _admin_links(role: str) -> list[Link]:
    return [
        _link(str(label), endpoint)
        for capability, label, endpoint in ADMIN_PAGES
        if can(role, capability)
    ]


def menu(role: str, own_sites: Sequence[Any], site: Any = None) -> list[list[Link]]:
    """Groups of links: start, the site's dashboards, the network's, administration.

    ``site`` is the site the page is about; without one, a user with exactly one
    site gets that site's links.
    """
    start = Link(_("Start"), url_for("start.index"), "start.index")
    if site is None and len(own_sites) == 1:
        site = own_sites[0]
    groups = [[start]]
    if site is not None and can(role, Capability.DASHBOARD):
        groups.append(_site_links(role, site))
    groups.extend(group for group in (_network_links(role), _admin_links(role)) if group)
    return groups


def staff_menu(site: Any = None) -> list[list[Link]]:
    """The menu of the signed-in user (a template global)."""
    if not getattr(current_user, "is_authenticated", False):
        return []
    own = [] if current_user.sees_all_sites else sorted(current_user.sites, key=lambda s: s.name)
    if site is not None and not hasattr(site, "code"):
        site = None
    return menu(current_user.role, own, site)
