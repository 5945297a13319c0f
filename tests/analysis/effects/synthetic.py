"""Response-level synthetic data with planted effects, and its month cells."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.effects.design import MeasureInfo, month_date

SITES = ("AA", "BB", "CC", "DD", "EE", "FF", "GG")
CHANNELS = ("kiosk", "online", "paper")
START = 2016 * 12 + 3  # April 2016 (months counted from year 0)


def responses(
    *,
    effects: Mapping[str, tuple[int, float]] | None = None,
    trend: float = 0.0,
    pre_trend: float = 0.0,
    first: int = START - 18,
    months: int = 30,
    per_cell: int = 40,
    seed: int = 1,
    item: str = "waiting",
    kiosk_after: float = 0.0,
) -> pd.DataFrame:
    """One row per response (site, month, channel, topic, item, value 1–5).

    ``effects`` plants, per site, (start month, effect on the mean) from the month after
    the start on; every site shares a trend of ``trend`` per month; ``pre_trend`` gives
    the first planted site a trend of its own in the months before its start (a threat the
    placebo must see); ``kiosk_after`` shifts that site's channel mix after the start.
    The answers are rounded normal scores with a standard deviation of 0.7 around 3, so a
    planted shift of the score moves the mean by (almost exactly) as much.
    """
    effects = dict(effects or {})
    rng = np.random.default_rng(seed)
    frames = []
    for s_index, site in enumerate(SITES):
        level = 2.6 + 0.03 * s_index
        start, effect = effects.get(site, (None, 0.0))
        for month in range(first, first + months):
            base = level + trend * (month - first)
            share = 0.5
            if start is not None:
                k = month - start
                base += effect * (k >= 1)
                if site == next(iter(effects), None):
                    base += pre_trend * min(k, 0)
                    share += kiosk_after * (k >= 1)
            n = per_cell + int(rng.integers(0, 20))
            p = [share, 0.9 - share, 0.1]
            channel = rng.choice(CHANNELS, size=n, p=p)
            topic = rng.integers(1, 6, size=n)
            latent = base + 0.3 * (channel == "kiosk") + 0.03 * topic + rng.normal(0, 0.7, n)
            value = np.clip(np.rint(latent), 1, 5).astype(int)
            frames.append(
                pd.DataFrame(
                    {
                        "site": site,
                        "month": month,
                        "channel": channel,
                        "topic": topic,
                        "item": item,
                        "value": value,
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


def cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The month tally of the responses: counts per site × month × channel × topic × value."""
    keys = ["site", "month", "channel", "topic", "item", "value"]
    return frame.groupby(keys, as_index=False).size().rename(columns={"size": "n"})


def measure(
    site: str = "AA", kind: str = "queue_guidance", start: int = START, items=("waiting",), id=1
) -> MeasureInfo:
    return MeasureInfo(id, site, kind, f"{kind} {site}", month_date(start), tuple(items))


def window_rows(frame: pd.DataFrame, pre: tuple[int, int], post: tuple[int, int]) -> pd.DataFrame:
    """The responses in the two windows, with the outcome columns statsmodels regresses."""
    m = frame["month"]
    inside = ((m >= pre[0]) & (m <= pre[1])) | ((m >= post[0]) & (m <= post[1]))
    rows = frame[inside].copy()
    rows["mean"] = rows["value"].astype(float)
    rows["top2"] = (rows["value"] >= 4).astype(float)
    rows["cluster"] = rows["site"] + "|" + rows["month"].astype(str)
    return rows
