"""Key drivers of ``overall``: Johnson's relative weights with bootstrap intervals.

Relative importance needs the answers of one response together, which no tally
holds. So this is the one method that reads response-level data, and it reads
it bounded:

- the database pivots each response's answers into one row (complete cases
  only: every 1–5 item answered, "not applicable" counts as missing);
- the rows are streamed in response-id order and a seeded reservoir keeps a
  uniform random sample of at most ``sample`` rows (default 5,000), so memory is
  bounded by the sample, whatever the number of responses;
- the result states how many complete responses there were (``population``)
  and how many were used (``sample``);
- under the disclosure policy, a set in which any site has fewer than 10
  complete responses is refused (:class:`SmallSite`): otherwise two sets, one
  with and one without that site, would give its answers away by difference.

Johnson (2000): with the predictors' correlation matrix R = VΛV′, the
orthogonal counterparts Z of the standardised predictors relate to them by
Λ* = VΛ^½V′; y is regressed on Z (β = Λ*⁻¹ r_xy) and item j gets
ε_j = Σ_k λ*_jk² β_k². The weights add up to the R² of the linear regression.
Intervals are percentile bootstrap intervals over resampled responses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .deferred import deferred

if TYPE_CHECKING:
    import numpy as np
else:
    np = deferred("numpy")
from sqlalchemy import Connection, Engine, and_, case, func, select

from . import source
from .disclosure import MIN_N

OUTCOME = "overall"
SAMPLE = 5000
BOOTSTRAP = 200
#: fewer complete responses than this give no drivers at all
MIN_SAMPLE = 100
STREAM_CHUNK = 2000


class TooFewResponses(source.SourceError):
    pass


class SmallSite(TooFewResponses):
    """A site of the set has fewer than ``MIN_N`` complete responses (disclosure policy)."""


class NoVariation(source.SourceError):
    """An item has one answer in every complete response: no importance can be estimated."""


@dataclass(frozen=True)
class Driver:
    item: str
    #: raw relative weight: this item's part of R²
    weight: float
    weight_low: float
    weight_high: float
    #: weight / R², the share of the explained variance
    share: float
    #: performance, for the importance × performance matrix (from the sample)
    mean: float
    top2: float


@dataclass(frozen=True)
class Drivers:
    outcome: str
    #: complete responses in the filter, and how many of them were used
    population: int
    sample: int
    bootstrap: int
    seed: int
    r2: float
    drivers: list[Driver] = field(default_factory=list)


def relative_weights(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Johnson's raw relative weights of the columns of ``x`` for ``y``."""
    data = np.column_stack([x, y])
    if (data.std(axis=0) == 0).any():
        raise ValueError("an item does not vary in the data")
    corr = np.corrcoef(data, rowvar=False)
    rxx, rxy = corr[:-1, :-1], corr[:-1, -1]
    values, vectors = np.linalg.eigh(rxx)
    root = vectors @ np.diag(np.sqrt(np.clip(values, 0, None))) @ vectors.T
    beta = np.linalg.lstsq(root, rxy, rcond=None)[0]  # min-norm if items are collinear
    return (root**2) @ (beta**2)


def sample_answers(
    conn: Connection,
    questionnaire: int,
    columns: Sequence[source.ItemInfo],
    flt: source.Filter,
    site_ids: Sequence[int] | None,
    size: int,
    seed: int,
    per_site: dict[int, int] | None = None,
) -> tuple[np.ndarray, int]:
    """A uniform sample of complete responses (one column per item) and their number;
    ``per_site`` (if given) receives the number of complete responses per site id."""
    r, a = source.response_t, source.answer_t
    pivot = [
        func.max(case((a.c.item_id == item.id, a.c.value), else_=None)).label(item.code)
        for item in columns
    ]
    conditions = [
        r.c.questionnaire_id == questionnaire,
        r.c.flagged == False,  # noqa: E712 - SQL comparison
        a.c.item_id.in_([item.id for item in columns]),
        a.c.value > source.NOT_APPLICABLE,
    ]
    if flt.start is not None:
        conditions.append(r.c.day >= flt.start)
    if flt.end is not None:
        conditions.append(r.c.day <= flt.end)
    if flt.channel is not None:
        conditions.append(r.c.channel == flt.channel)
    if site_ids is not None:
        conditions.append(r.c.site_id.in_(list(site_ids)))
    query = (
        select(r.c.id, r.c.site_id, *pivot)
        .select_from(r.join(a, a.c.response_id == r.c.id))
        .where(and_(*conditions))
        .group_by(r.c.id, r.c.site_id)
        .having(func.count() == len(columns))
        .order_by(r.c.id)
    )
    rng = np.random.default_rng(seed)
    reservoir = np.empty((size, len(columns)))
    seen = 0
    result = conn.execution_options(stream_results=True, yield_per=STREAM_CHUNK).execute(query)
    for chunk in result.partitions(STREAM_CHUNK):
        if per_site is not None:
            for row in chunk:
                per_site[int(row[1])] = per_site.get(int(row[1]), 0) + 1
        values = np.array([row[2:] for row in chunk], dtype=float)
        index = np.arange(seen, seen + len(values))
        fill = index < size
        reservoir[index[fill]] = values[fill]
        # Algorithm R: row i replaces a random slot with probability size/(i + 1)
        slots = (rng.random(len(values)) * (index + 1)).astype(np.int64)
        for k in np.flatnonzero(~fill & (slots < size)):
            reservoir[slots[k]] = values[k]
        seen += len(values)
    return reservoir[: min(seen, size)], seen


def drivers(
    bind: Connection | Engine,
    *,
    questionnaire: str = "core@1",
    sites: Sequence[str] = (),
    start: date | None = None,
    end: date | None = None,
    channel: str | None = None,
    sample: int = SAMPLE,
    bootstrap: int = BOOTSTRAP,
    seed: int = 0,
) -> Drivers:
    """Relative importance of the 1–5 items for ``overall`` in the sites and dates chosen."""
    flt = source.Filter(start, end, channel)
    with source.connected(bind) as conn:
        qid = source.questionnaire_id(conn, questionnaire)
        ids = list(source.site_ids(conn, sites).values()) if sites else None
        scale = [i for i in source.items(conn, qid) if i.kind == "scale"]
        outcome = [i for i in scale if i.code == OUTCOME]
        predictors = [i for i in scale if i.code != OUTCOME]
        if not outcome or len(predictors) < 2:
            raise source.SourceError(f"{questionnaire} has no {OUTCOME!r} and 1–5 items")
        per_site: dict[int, int] = {}
        data, population = sample_answers(
            conn, qid, [*predictors, *outcome], flt, ids, sample, seed, per_site
        )
        codes = source.sites(conn)
    small = sorted(codes[site] for site, n in per_site.items() if n < MIN_N)
    if small:
        raise SmallSite(
            f"key drivers: {', '.join(small)} ha{'s' if len(small) == 1 else 've'} fewer than "
            f"{MIN_N} complete responses in this selection, and a set with a site that small "
            "could be differenced against the set without it; choose other sites, or a "
            "longer period"
        )
    if len(data) < MIN_SAMPLE:
        raise TooFewResponses(
            f"key drivers need at least {MIN_SAMPLE} complete responses; there are {len(data)}"
        )
    for j, item in enumerate([*predictors, *outcome]):
        values = np.unique(data[:, j])
        if len(values) == 1:
            raise NoVariation(
                f"key drivers: {item.code!r} does not vary (all {len(data)} complete responses "
                f"answered {int(values[0])}), so no weights can be estimated; choose other "
                "sites, dates or channel"
            )
    x, y = data[:, :-1], data[:, -1]
    weights = relative_weights(x, y)
    rng = np.random.default_rng(seed + 1)
    draws = []
    for _ in range(bootstrap):
        pick = rng.integers(0, len(data), len(data))
        try:
            draws.append(relative_weights(x[pick], y[pick]))
        except ValueError:  # a resample in which an item does not vary
            continue
    low, high = (
        np.percentile(np.array(draws), [2.5, 97.5], axis=0)
        if draws
        else (np.full(len(weights), np.nan),) * 2
    )
    r2 = float(weights.sum())
    top = np.array([item.max_value - 1 for item in predictors])
    found = [
        Driver(
            item.code,
            float(weights[j]),
            float(low[j]),
            float(high[j]),
            float(weights[j] / r2),
            float(x[:, j].mean()),
            float((x[:, j] >= top[j]).mean()),
        )
        for j, item in enumerate(predictors)
    ]
    found.sort(key=lambda d: -d.weight)
    return Drivers(OUTCOME, population, len(data), len(draws), seed, r2, found)
