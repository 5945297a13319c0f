"""Random-effects meta-analysis of site estimates (DerSimonian and Laird 1986).

With estimates y_i and variances v_i, weights w_i = 1/v_i, the fixed-effect mean
ȳ = Σ w y / Σ w and Cochran's Q = Σ w (y − ȳ)²; then
τ² = max(0, (Q − (k − 1)) / (Σ w − Σ w² / Σ w)), I² = max(0, (Q − (k − 1)) / Q),
and the pooled estimate uses w*_i = 1/(v_i + τ²), with a normal 95 % interval.
Checked against ``statsmodels.stats.meta_analysis.combine_effects``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..deferred import deferred

if TYPE_CHECKING:
    import numpy as np
    from scipy import stats
else:
    np = deferred("numpy")
    stats = deferred("scipy.stats")


Z = 1.959963984540054


@dataclass(frozen=True)
class Pooled:
    k: int
    estimate: float
    se: float
    low: float
    high: float
    p: float
    tau2: float
    i2: float
    q: float


def dersimonian_laird(estimates: Sequence[float], ses: Sequence[float]) -> Pooled:
    y, v = np.asarray(estimates, float), np.asarray(ses, float) ** 2
    if y.size < 1 or (v <= 0).any():
        raise ValueError("pooling needs at least one estimate with a positive variance")
    w = 1 / v
    fixed = (w * y).sum() / w.sum()
    q = float((w * (y - fixed) ** 2).sum())
    k = int(y.size)
    c = w.sum() - (w**2).sum() / w.sum()
    tau2 = max(0.0, (q - (k - 1)) / c) if k > 1 else 0.0
    i2 = max(0.0, (q - (k - 1)) / q) if q > 0 else 0.0
    ws = 1 / (v + tau2)
    mean = float((ws * y).sum() / ws.sum())
    se = float(np.sqrt(1 / ws.sum()))
    p = float(2 * stats.norm.sf(abs(mean / se)))
    return Pooled(k, mean, se, mean - Z * se, mean + Z * se, p, float(tau2), float(i2), q)
