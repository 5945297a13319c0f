from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from analysis import source
from analysis.drivers import TooFewResponses, drivers, relative_weights, sample_answers

from .reference import raw_answers

PREDICTORS = ("appointment", "waiting", "friendly", "understood", "fair", "trust")


def johnson_by_svd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Johnson (2000) as published: X = PΔQ′, Z = PQ′, Λ = QΔQ′ on standardised data."""
    scale = np.sqrt(len(x) - 1)  # so that Z′Z/(n − 1) = I, as for correlations
    xs = (x - x.mean(0)) / x.std(0, ddof=1)
    ys = (y - y.mean()) / y.std(ddof=1)
    p, delta, qt = np.linalg.svd(xs, full_matrices=False)
    z = p @ qt * scale
    lam = qt.T @ np.diag(delta) @ qt / scale
    beta = np.linalg.lstsq(z, ys, rcond=None)[0]
    return (lam**2) @ (beta**2)


def ols_r2(x: np.ndarray, y: np.ndarray) -> float:
    design = np.column_stack([np.ones(len(x)), x])
    fitted = design @ np.linalg.lstsq(design, y, rcond=None)[0]
    return float(1 - ((y - fitted) ** 2).sum() / ((y - y.mean()) ** 2).sum())


def test_relative_weights_match_the_svd_formulation_and_r2():
    rng = np.random.default_rng(3)
    latent = rng.normal(size=(800, 1))
    x = latent + rng.normal(size=(800, 4)) * np.array([0.5, 1.0, 1.5, 2.0])
    y = x @ np.array([0.6, 0.3, 0.2, 0.0]) + rng.normal(size=800)
    weights = relative_weights(x, y)
    assert weights == pytest.approx(johnson_by_svd(x, y), rel=1e-8)
    assert weights.sum() == pytest.approx(ols_r2(x, y), rel=1e-9)
    assert np.argmax(weights) == 0 and np.argmin(weights) == 3


def test_uncorrelated_predictors_get_their_squared_correlations():
    rng = np.random.default_rng(8)
    raw = rng.normal(size=(500, 3))
    q, _ = np.linalg.qr(raw - raw.mean(0))  # exactly uncorrelated, centred columns
    y = q @ np.array([3.0, 2.0, 1.0]) + rng.normal(size=500) * 0.05
    r = [np.corrcoef(q[:, j], y)[0, 1] ** 2 for j in range(3)]
    assert relative_weights(q, y) == pytest.approx(r, rel=1e-9)


def test_constant_item_is_refused():
    with pytest.raises(ValueError):
        relative_weights(np.column_stack([np.ones(20), np.arange(20.0)]), np.arange(20.0))


def complete_rows(engine) -> list[tuple[int, ...]]:
    with engine.connect() as conn:
        raw = raw_answers(conn)
    rows = []
    for r in raw.values():
        a = r["answers"]
        codes = (*PREDICTORS, "overall")
        if all(a.get(c) and a[c][0] > 0 for c in codes):
            rows.append(tuple(a[c][0] for c in codes))
    return rows


def test_drivers_on_all_complete_responses(engine, demo):
    rows = complete_rows(engine)
    result = drivers(engine, sample=100_000, bootstrap=50)
    assert result.population == result.sample == len(rows)
    data = np.array(rows, dtype=float)
    expected = dict(zip(PREDICTORS, johnson_by_svd(data[:, :-1], data[:, -1]), strict=True))
    assert {d.item: d.weight for d in result.drivers} == pytest.approx(expected, rel=1e-8)
    assert result.r2 == pytest.approx(ols_r2(data[:, :-1], data[:, -1]), rel=1e-9)
    assert sum(d.share for d in result.drivers) == pytest.approx(1.0)
    for d in result.drivers:
        assert d.weight_low <= d.weight <= d.weight_high
        column = data[:, PREDICTORS.index(d.item)]
        assert d.mean == pytest.approx(column.mean()) and d.top2 == pytest.approx(
            (column >= 4).mean()
        )
    # the demo's strongest driver is the waiting time
    assert result.drivers[0].item == "waiting"


def test_sample_is_a_reproducible_subset(engine, demo):
    rows = Counter(complete_rows(engine))
    with engine.connect() as conn:
        qid = source.questionnaire_id(conn, "core@1")
        items = {i.code: i for i in source.items(conn, qid)}
        columns = [items[c] for c in (*PREDICTORS, "overall")]
        picked, population = sample_answers(conn, qid, columns, source.Filter(), None, 250, 1)
    assert population == sum(rows.values()) and picked.shape == (250, 7)
    assert not Counter(tuple(int(v) for v in row) for row in picked) - rows
    first = drivers(engine, sample=300, bootstrap=10, seed=5)
    again = drivers(engine, sample=300, bootstrap=10, seed=5)
    other = drivers(engine, sample=300, bootstrap=10, seed=6)
    assert (first.sample, first.population) == (300, sum(rows.values()))
    assert first == again and first != other
    with pytest.raises(TooFewResponses, match="at least 100"):
        drivers(engine, sites=["DEG"], start=None, end=None, channel="online")
