"""Synthetic responses for the demo, vectorised with NumPy and seeded.

A latent "experience" per response drives every 1–5 item (so the items
correlate and ``overall`` has real key drivers); site, caseload peak,
measures and channel shift it. Categorical items follow from it too.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from survey.responses.models import NOT_APPLICABLE

from .story import COMMENTS, PEAK, SITES, TOPICS_NORMAL, TOPICS_PEAK, DemoSite

SCALE_ITEMS = ("appointment", "waiting", "friendly", "understood", "fair", "trust")
#: how strongly each item drives ``overall`` (latent scale)
DRIVERS = {
    "appointment": 0.15,
    "waiting": 0.3,
    "friendly": 0.2,
    "understood": 0.15,
    "fair": 0.08,
    "trust": 0.12,
}
ITEM_MEANS = {
    "appointment": 0.45,
    "waiting": 0.25,
    "friendly": 1.0,
    "understood": 0.75,
    "fair": 1.05,
    "trust": 0.7,
}
CUTS = np.array([-1.4, -0.55, 0.2, 1.05])
CHANNELS = ("kiosk", "online", "paper")
HOUR_BAND_WEIGHTS = (0.35, 0.3, 0.2, 0.15)
#: improvement option → item whose low score makes applicants name it
IMPROVE_FROM = {
    1: "waiting",
    2: "appointment",
    3: "understood",
    4: "friendly",
    5: "understood",
    6: None,
    7: None,
    8: "trust",
}


@dataclass(frozen=True)
class DemoResponse:
    id: uuid.UUID
    site: str
    day: date
    hour_band: int
    channel: str
    locale: str
    answers: dict[str, tuple[int, ...]]
    comment: str | None


def months(first: date, last: date) -> Iterator[date]:
    current = first
    while current <= last:
        yield current
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)


def _weekdays(month: date) -> list[date]:
    nxt = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    days = [month + timedelta(d) for d in range((nxt - month).days)]
    return [d for d in days if d.weekday() < 5]


def _peak_intensity(month: date) -> float:
    """0 outside the caseload peak, rising to 1 in its middle."""
    start, end = PEAK
    if not start <= month <= end:
        return 0.0
    middle = start + (end - start) / 2
    return 1.0 - abs((month - middle).days) / ((end - start).days / 2) * 0.6


def _measure_effects(site: DemoSite, month: date) -> dict[str, float]:
    effects: dict[str, float] = {}
    for measure in site.measures:
        months_since = (month.year - measure.start.year) * 12 + month.month - measure.start.month
        if months_since < 0:
            continue
        ramp = min(1.0, (months_since + 1) / 4)  # takes effect over four months
        for item, size in measure.effects.items():
            effects[item] = effects.get(item, 0.0) + size * ramp
    return effects


def _to_scale(latent: np.ndarray) -> np.ndarray:
    return np.searchsorted(CUTS, latent) + 1


def generate(total: int, seed: int) -> list[DemoResponse]:
    """About ``total`` responses over all sites, deterministic for ``seed``."""
    return [r for draw in draws(total, seed) for r in responses(draw)]


def draws(total: int, seed: int) -> Iterator[MonthDraw]:
    """The draws behind :func:`generate`, one site × month at a time (for bulk loads)."""
    rng = np.random.default_rng(seed)
    plan = [
        (site, month, site.size * (1.0 + 0.6 * _peak_intensity(month)))
        for site in SITES
        for month in months(site.start, date(2017, 6, 1))
    ]
    weight_sum = sum(w for _, _, w in plan)
    for site, month, weight in plan:
        count = int(rng.poisson(total * weight / weight_sum))
        if count:
            yield draw_month(rng, site, month, count)


@dataclass(frozen=True)
class MonthDraw:
    """The random draws for ``n`` responses of one site × month, as arrays (index k)."""

    site: str
    locale_names: list[str]
    days: list[date]
    channels: np.ndarray
    locales: np.ndarray
    scale: dict[str, np.ndarray]
    categorical: dict[str, np.ndarray]
    no_appointment: np.ndarray
    day_index: np.ndarray
    bands: np.ndarray
    skip: np.ndarray
    wants_improve: np.ndarray
    improve_draw: np.ndarray
    has_comment: np.ndarray
    comment_pick: np.ndarray
    ids: bytes


def draw_month(rng: np.random.Generator, site: DemoSite, month: date, n: int) -> MonthDraw:
    peak = _peak_intensity(month)
    effects = _measure_effects(site, month)
    channel_p = site.channels_after if month >= site.online_from else site.channels_before
    channels = rng.choice(3, size=n, p=np.array(channel_p) / sum(channel_p))
    locale_names = [k for k, v in site.locales.items() if v > 0]
    locale_p = np.array([site.locales[k] for k in locale_names])
    locales = rng.choice(len(locale_names), size=n, p=locale_p / locale_p.sum())
    german = np.array([locale_names[i] in ("de", "de-easy") for i in locales])
    online = channels == 1

    experience = rng.normal(site.base - 0.7 * peak - 0.15 * online, 0.75, n)
    scores: dict[str, np.ndarray] = {}
    for item in SCALE_ITEMS:
        shift = ITEM_MEANS[item] + effects.get(item, 0.0)
        if item == "waiting":
            shift -= 0.6 * peak
        if item == "understood":
            shift -= 0.45 * ~german
        scores[item] = experience + shift + rng.normal(0, 0.7, n)
    overall_latent = sum(DRIVERS[i] * scores[i] for i in SCALE_ITEMS) * 1.5 + rng.normal(0, 0.45, n)
    scale = {item: _to_scale(scores[item]) for item in SCALE_ITEMS}
    scale["overall"] = _to_scale(overall_latent - 0.35)
    no_appointment = rng.random(n) < 0.12

    topic_p = np.array(TOPICS_PEAK if peak else TOPICS_NORMAL)
    topics = rng.choice(5, size=n, p=topic_p) + 1
    resolved_p = 1 / (1 + np.exp(-(0.9 + 0.8 * (overall_latent - 0.3))))
    resolved = np.where(rng.random(n) < resolved_p, 1, np.where(rng.random(n) < 0.5, 2, 3))
    visits = rng.choice(3, size=n, p=(0.55 - 0.15 * peak, 0.3, 0.15 + 0.15 * peak)) + 1
    help_shift = min(0.1, effects.get("communication", 0.0) * 0.12)
    comm = np.where(
        german,
        np.where(rng.random(n) < 0.97, 1, 2),
        rng.choice(3, size=n, p=(0.45 + help_shift, 0.4, 0.15 - help_shift)) + 1,
    )
    gap = max(
        0.03, site.referral_gap * (1 - 0.6 * min(1.0, effects.get("referral", 0.0))) + 0.05 * peak
    )
    referral = rng.choice(4, size=n, p=(0.3, 0.08, 0.62 - gap, gap)) + 1

    days = _weekdays(month)
    day_index = rng.integers(0, len(days), n)
    bands = rng.choice(4, size=n, p=HOUR_BAND_WEIGHTS)
    skip = rng.random((n, 14)) < 0.03
    wants_improve = rng.random(n) < 0.6
    improve_draw = rng.random((n, 8))
    has_comment = rng.random(n) < 0.07
    comment_pick = rng.integers(0, 1000, n)
    ids = rng.bytes(16 * n)
    categorical = {
        "topic": topics,
        "resolved": resolved,
        "visits": visits,
        "communication": comm,
        "referral": referral,
    }
    return MonthDraw(site.code, locale_names, days, channels, locales, scale, categorical,
                     no_appointment, day_index, bands, skip, wants_improve, improve_draw,
                     has_comment, comment_pick, ids)  # fmt: skip


#: the items in the order of :attr:`MonthDraw.skip`'s columns
ANSWER_ORDER = ("topic", "resolved", "visits", "communication", "referral", "overall", *SCALE_ITEMS)


def responses(d: MonthDraw) -> list[DemoResponse]:
    """The draws as responses (``bench/generate.py`` turns them into rows directly)."""
    scale, skip, no_appointment, ids = d.scale, d.skip, d.no_appointment, d.ids
    out = []
    for k in range(len(d.channels)):
        answers: dict[str, tuple[int, ...]] = {}
        categorical = {code: values[k] for code, values in d.categorical.items()}
        for j, (code, value) in enumerate(
            [*categorical.items(), *((i, scale[i][k]) for i in ("overall", *SCALE_ITEMS))]
        ):
            if not skip[k, j]:
                answers[code] = (int(value),)
        if "appointment" in answers and no_appointment[k]:
            answers["appointment"] = (NOT_APPLICABLE,)
        if d.wants_improve[k]:
            chosen = []
            for option, item in IMPROVE_FROM.items():
                low = item is not None and scale[item][k] <= 2
                if d.improve_draw[k, option - 1] < (0.55 if low else 0.06):
                    chosen.append(option)
            if chosen:
                answers["improve"] = tuple(chosen)
        locale = d.locale_names[d.locales[k]]
        comment = None
        if d.has_comment[k]:
            pool = COMMENTS.get(locale) or COMMENTS["de"]
            comment = pool[d.comment_pick[k] % len(pool)]
        out.append(
            DemoResponse(
                id=uuid.UUID(bytes=ids[16 * k : 16 * k + 16], version=4),
                site=d.site,
                day=d.days[d.day_index[k]],
                hour_band=int(d.bands[k]),
                channel=CHANNELS[d.channels[k]],
                locale=locale,
                answers=answers,
                comment=comment,
            )
        )
    return out
