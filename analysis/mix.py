"""Responses per site and channel, under the small-number rules.

Each site's channels form one table protected by
:func:`analysis.suppression.protect`: a channel with fewer than 10 responses
is shown as ``"<10"``, and a complement is hidden so that the site's total
cannot give it away (then the total is shown, the two channels are not).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine

from . import source
from .suppression import protect, shown_n


@dataclass(frozen=True)
class MixRow:
    site: str
    total: int | str | None
    #: channel → shown count (an int, "<10", or None for a secondary suppression)
    channels: dict[str, int | str | None]


def channel_mix(
    bind: Connection | Engine,
    *,
    questionnaire: str = "core@1",
    start: date | None = None,
    end: date | None = None,
) -> list[MixRow]:
    with source.connected(bind) as conn:
        qid = source.questionnaire_id(conn, questionnaire)
        counts = source.channel_counts(conn, qid, source.Filter(start, end))
        codes = source.sites(conn)
    per_site: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(source.CHANNELS, 0))
    for (site_id, channel), n in counts.items():
        per_site[codes[site_id]][channel] = n
    rows = []
    for site in sorted(per_site):
        # a channel the site does not use is a structural zero: shown as 0, not protected
        parts = {c: n for c, n in per_site[site].items() if n}
        total = sum(parts.values())
        decision = protect(parts, total)
        rows.append(
            MixRow(
                site,
                shown_n(total, decision.total_hidden, False),
                {
                    c: shown_n(n, c in decision.primary, c in decision.secondary) if n else 0
                    for c, n in per_site[site].items()
                },
            )
        )
    return rows
