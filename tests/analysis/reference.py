"""Independent figures computed from the raw answer rows (not from the tallies).

Every response is read with its answers, grouped in Python, and the statistics
are computed with SciPy and the formulas of docs/methodology.md. Only for tests: this is
exactly the "whole table into memory" that the analysis package avoids.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

import numpy as np
from scipy import stats as sps
from sqlalchemy import Connection, select

from survey.questionnaires.models import Item
from survey.responses.models import Answer, Response
from survey.sites.models import Site

Z = 1.959964


def raw_answers(conn: Connection) -> dict:
    """response id → {"site", "day", "channel", "answers": {item code: [values]}}."""
    out: dict = {}
    for rid, site, day, channel in conn.execute(
        select(Response.id, Site.code, Response.day, Response.channel)
        .join(Site, Site.id == Response.site_id)
        .where(Response.flagged.is_(False))
    ):
        out[rid] = {"site": site, "day": day, "channel": channel, "answers": defaultdict(list)}
    for rid, code, value in conn.execute(
        select(Answer.response_id, Item.code, Answer.value).join(Item, Item.id == Answer.item_id)
    ):
        if rid in out:
            out[rid]["answers"][code].append(value)
    return out


def period(day: date, by: str) -> str:
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    if by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if by == "year":
        return str(day.year)
    return "all"


def wilson(x: int, n: int) -> tuple[float, float]:
    p = x / n
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z / (1 + Z**2 / n) * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2))
    return centre - half, centre + half


def scale_figures(values: list[int]) -> dict:
    raw = np.array(values, dtype=float)
    low, high = sps.t.interval(0.95, len(raw) - 1, loc=raw.mean(), scale=sps.sem(raw))
    top = int((raw >= 4).sum())
    w_low, w_high = wilson(top, len(raw))
    return {
        "n": len(raw),
        "mean": raw.mean(),
        "mean_low": low,
        "mean_high": high,
        "top2": top / len(raw),
        "top2_low": w_low,
        "top2_high": w_high,
    }
