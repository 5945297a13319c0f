"""The network publication's content, from :mod:`analysis` functions only.

- the period's figures: ``analysis summary --by all --from --to`` (all sites);
- headline indicators: ``analysis headline --by all``;
- baseline vs follow-up: ``analysis compare --a WAVE_A --b WAVE_B`` (Holm over
  every row of that one output, as the CLI prints it);
- counts by channel and by locale: ``analysis summary --by all --channel …`` /
  ``--locale …`` (the ``n`` of ``overall``, each its own protected table), read
  in one grouped query per breakdown (:func:`analysis.summary.summarize_groups`);
- what worked: ``analysis effects`` (every recorded measure, default windows), grouped
  by type in :mod:`.network_effects`.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Engine

from ..compare import CompareRow, Comparison, compare
from ..effects.api import effects as effects_catalogue
from ..headline import HeadlineRow, headline
from ..source import CHANNELS
from ..summary import SummaryRow, summarize, summarize_groups
from ..trend import TrendRow, trend
from .items import SCALE_ITEMS
from .network_effects import EffectsChapter, chapter
from .site import LOCALES

Wave = tuple[date, date]


@dataclass
class SiteProfile:
    code: str
    name: str
    headline: list[HeadlineRow]
    items: list[SummaryRow]
    changes: list[CompareRow]


@dataclass
class NetworkReport:
    start: date
    end: date
    a: Wave
    b: Wave
    sites: dict[str, str]
    summary: list[SummaryRow]
    headline: list[HeadlineRow]
    comparison: Comparison
    trend: list[TrendRow]
    profiles: list[SiteProfile] = field(default_factory=list)
    channels: dict[str, dict[str, int | str | None]] = field(default_factory=dict)
    locales: dict[str, dict[str, int | str | None]] = field(default_factory=dict)
    #: "Was hat gewirkt?" (None: left out), and the measure types' names by code
    effects: EffectsChapter | None = None
    type_labels: dict[str, str] = field(default_factory=dict)

    def type_label(self, code: str) -> str:
        return self.type_labels.get(code, code)

    def network_items(self) -> list[SummaryRow]:
        return [r for r in self.summary if r.site == "ALL" and r.item in SCALE_ITEMS]

    def overall(self) -> list[SummaryRow]:
        return [r for r in self.summary if r.item == "overall" and r.site != "ALL"]

    def significant(self) -> list[CompareRow]:
        return [
            r
            for r in self.comparison.rows
            if r.p_adj is not None and r.p_adj < 0.05 and r.site != "ALL"
        ]


def default_waves(start: date, end: date) -> tuple[Wave, Wave]:
    """Without ``--a``/``--b``: the first and the last six months of the period."""
    six_months = timedelta(days=182)
    first_end = min(end, start + six_months)
    last_start = max(start, end - six_months)
    return (start, first_end), (last_start, end)


def _n_overall(rows: list[SummaryRow]) -> dict[str, int | str | None]:
    return {r.site: r.n for r in rows if r.item == "overall"}


def build(
    bind: Engine,
    sites: dict[str, str],
    start: date,
    end: date,
    *,
    a: Wave | None = None,
    b: Wave | None = None,
    effects: bool = True,
    type_labels: Mapping[str, str] | None = None,
) -> NetworkReport:
    """Everything the publication shows; ``sites`` maps code → name in print order;
    ``effects=False`` leaves out the chapter on what worked."""
    if a is None or b is None:
        a, b = default_waves(start, end)
    # The headline, the per-locale counts and the effects run on their own connections
    # while the rest is read (SQLite releases the GIL while it scans the tallies; the
    # effects' reading is a third of their time).
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="report") as pool:
        headline_rows = pool.submit(headline, bind, by="all", start=start, end=end)
        locale_counts = pool.submit(_locales, bind, start, end)
        catalogue = pool.submit(effects_catalogue, bind) if effects else None
        summary = summarize(bind, by="all", start=start, end=end).rows
        report = NetworkReport(
            start=start,
            end=end,
            a=a,
            b=b,
            sites=sites,
            summary=summary,
            headline=[],
            comparison=compare(bind, a=a, b=b),
            trend=[r for r in trend(bind, start=start, end=end).rows if r.site == "ALL"],
            type_labels=dict(type_labels or {}),
        )
        channels = summarize_groups(bind, "channel", start=start, end=end)
        by_channel = {
            channel: _n_overall(channels[channel].rows) if channel in channels else {}
            for channel in CHANNELS
        }
        report.headline = headline_rows.result().rows
        report.locales = locale_counts.result()
        if catalogue is not None:
            report.effects = chapter(catalogue.result())
    report.channels = {
        site: {channel: by_channel[channel].get(site) for channel in CHANNELS}
        for site in [*sites, "ALL"]
    }
    for code, name in sites.items():
        report.profiles.append(
            SiteProfile(
                code=code,
                name=name,
                headline=[h for h in report.headline if h.site == code],
                items=[r for r in summary if r.site == code and r.item in SCALE_ITEMS],
                changes=[c for c in report.comparison.rows if c.site == code],
            )
        )
    return report


def _locales(bind: Engine, start: date, end: date) -> dict[str, dict[str, int | str | None]]:
    """``n`` of ``overall`` per locale and site (whole months only: it reads tally_month)."""
    found: dict[str, dict[str, int | str | None]] = {}
    if start.day != 1 or (end + timedelta(days=1)).day != 1:
        return found
    locales = summarize_groups(bind, "locale", start=start, end=end)
    for locale in LOCALES:
        counts = _n_overall(locales[locale].rows) if locale in locales else {}
        if counts.get("ALL") not in (None, 0, "<10") or any(
            isinstance(v, int) and v > 0 for v in counts.values()
        ):
            found[locale] = counts
    return found
