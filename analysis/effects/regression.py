"""Least squares on cell aggregates, standard errors clustered by site, and the wild
cluster bootstrap (null imposed) for few sites.

A *cell* holds the responses that share every regressor (site, month, channel, topic,
treatment): its count ``n`` and the sum ``s`` of the outcome. Because the regressors do
not vary inside a cell, the response-level normal equations and cluster scores are sums
over cells:

    X'X = Σ n_c x_c x_c',   X'y = Σ x_c s_c,   score_g = Σ_{c in g} x_c (s_c − n_c x_c'β),

so β, the cluster-robust covariance and its small-sample factor
G/(G−1) · (N−1)/(N−K) (N responses, K = rank of X) are those of the response-level OLS
that statsmodels computes with ``cov_type="cluster"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..deferred import deferred

if TYPE_CHECKING:
    import numpy as np
    from scipy import stats
else:
    np = deferred("numpy")
    stats = deferred("scipy.stats")


#: Webb's six-point weights: ±√(1/2), ±1, ±√(3/2), each with probability 1/6
WEBB = (-(1.5**0.5), -1.0, -(0.5**0.5), 0.5**0.5, 1.0, 1.5**0.5)
DRAWS = 999
SEED = 20


@dataclass(frozen=True)
class Fit:
    beta: float
    se: float
    t: float
    #: two-sided p and 95 % interval from t(G−1) with the clustered standard error
    p: float
    low: float
    high: float
    clusters: int
    n: int


@dataclass(frozen=True)
class Bootstrap:
    p: float
    low: float
    high: float
    draws: int
    weights: str


def _bread(x: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, int]:
    """(X'WX)⁺ and the rank of X'WX, from one eigendecomposition (it is symmetric and
    positive semi-definite; eigenvalues below numpy's rank tolerance count as zero)."""
    xtx = (x * n[:, None]).T @ x
    values, vectors = np.linalg.eigh(xtx)
    tol = max(values.max(), 0.0) * xtx.shape[0] * np.finfo(float).eps
    keep = values > tol
    inverse = (vectors[:, keep] / values[keep]) @ vectors[:, keep].T
    return inverse, int(keep.sum())


def _clusters(groups: np.ndarray) -> tuple[np.ndarray, int]:
    _, index = np.unique(groups, return_inverse=True)
    return index, int(index.max()) + 1


def fit(
    x: np.ndarray, n: np.ndarray, s: np.ndarray, groups: np.ndarray, column: int
) -> tuple[Fit, np.ndarray]:
    """OLS of the cells ``x`` (one row per cell), with clustered inference on ``column``.
    Returns the fit and all coefficients."""
    cov, beta = covariance(x, n, s, groups)
    g = len(np.unique(groups))
    total = int(n.sum())
    se = float(np.sqrt(cov[column, column])) if cov[column, column] > 0 else float("nan")
    b = float(beta[column])
    t = b / se if se > 0 else float("nan")
    df = max(g - 1, 1)
    q = stats.t.ppf(0.975, df)
    p = float(2 * stats.t.sf(abs(t), df)) if np.isfinite(t) else float("nan")
    return Fit(b, se, t, p, b - q * se, b + q * se, g, total), beta


def covariance(
    x: np.ndarray, n: np.ndarray, s: np.ndarray, groups: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The cluster-robust covariance of every coefficient, and the coefficients."""
    bread, rank = _bread(x, n)
    beta = bread @ (x.T @ s)
    index, g = _clusters(groups)
    scores = np.zeros((g, x.shape[1]))
    np.add.at(scores, index, x * (s - n * (x @ beta))[:, None])
    total = int(n.sum())
    factor = g / (g - 1) * (total - 1) / (total - rank) if g > 1 else np.nan
    return np.asarray(factor * bread @ (scores.T @ scores) @ bread), np.asarray(beta)


def wild_bootstrap(
    x: np.ndarray,
    n: np.ndarray,
    s: np.ndarray,
    groups: np.ndarray,
    column: int,
    observed: Fit,
    *,
    draws: int = DRAWS,
    seed: int = SEED,
) -> Bootstrap:
    """Wild cluster bootstrap-t with the null β = 0 imposed (WCR, Cameron, Gelbach and
    Miller 2008), Webb's six-point weights (Webb 2014: few clusters), seeded. The interval
    is β ± q·se with q the 95 % quantile of the bootstrap |t|."""
    index, g = _clusters(groups)
    keep = [j for j in range(x.shape[1]) if j != column]
    restricted = x[:, keep]
    bread_r, _ = _bread(restricted, n)
    fitted = n * (restricted @ (bread_r @ (restricted.T @ s)))
    resid = s - fitted
    rng = np.random.default_rng(seed)
    w = np.asarray(WEBB)[rng.integers(0, 6, size=(draws, g))]
    # s* = fitted + w[g] · resid. Everything a draw needs is a sum over clusters, so
    # the draws cost draws × clusters × K, not draws × cells × K.
    bread, rank = _bread(x, n)
    m = bread @ x.T  # K × cells: β = m s
    member = np.zeros((x.shape[0], g))
    member[np.arange(x.shape[0]), index] = 1.0
    base = m @ fitted  # β of the fitted values
    q = (m * resid[None, :]) @ member  # K × G: β's change per unit weight of cluster g
    betas = base[None, :] + w @ q.T  # draws × K
    row = m[column]
    a_g = (row * fitted) @ member
    e_g = (row * resid) @ member
    h_g = ((row * n)[:, None] * x).T @ member  # K × G
    per_cluster = a_g[None, :] + w * e_g[None, :] - betas @ h_g  # draws × G: the scores
    total = int(n.sum())
    factor = g / (g - 1) * (total - 1) / (total - rank)
    se = np.sqrt(factor * (per_cluster**2).sum(axis=1))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = betas[:, column] / se
    t = t[np.isfinite(t)]
    if not t.size or not np.isfinite(observed.t):
        return Bootstrap(float("nan"), float("nan"), float("nan"), 0, "webb")
    p = float((np.abs(t) >= abs(observed.t)).mean())
    q = float(np.quantile(np.abs(t), 0.95))
    return Bootstrap(
        p, observed.beta - q * observed.se, observed.beta + q * observed.se, int(t.size), "webb"
    )
