"""Where a signed-in user starts, and the sites a lead sees on their start page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine

from survey.access import Capability, can
from survey.dashboard import periods
from survey.dashboard.charts import count, share
from survey.dashboard.filters import month_end, month_start
from survey.dashboard.operations import anchor, network_headline


def landing(user: Any) -> tuple[str, dict[str, str]]:
    """The endpoint (and its arguments) a user lands on after signing in.

    Admin: the administration index; provider: the network overview; a lead or
    viewer with one site: that site's dashboard; with several: the start page.
    """
    if can(user.role, Capability.USERS):
        return "admin.index", {}
    if can(user.role, Capability.COMPARE):
        return "dashboard.network", {}
    sites = list(user.sites)
    if len(sites) == 1 and can(user.role, Capability.DASHBOARD):
        return "dashboard.lead", {"site": sites[0].code}
    return "start.index", {}


@dataclass(frozen=True)
class SiteHeadline:
    code: str
    name: str
    start: date
    end: date
    #: CSAT of the period, formatted; empty when there are too few answers
    csat: str
    n: str


def headlines(engine: Engine, sites: list[Any]) -> list[SiteHeadline]:
    """Per site: its default dashboard period and that period's CSAT, as the dashboard shows."""
    latest = anchor(engine)
    out = []
    for site in sites:
        last = periods.default_anchor(engine, site.id, None) or latest
        start = month_start(last, periods.DEFAULT_MONTHS - 1)
        end = month_end(last)
        rows = network_headline(engine, start, end, None)
        row = next((r for r in rows if r.site == site.code and r.indicator == "csat"), None)
        shown = row is not None and not row.suppressed
        out.append(
            SiteHeadline(
                code=site.code,
                name=site.name,
                start=start,
                end=end,
                csat=share(row.share) if shown and row else "",
                n=count(row.n, row.suppressed) if row else "0",
            )
        )
    return out
