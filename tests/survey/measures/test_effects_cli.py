"""``flask analysis effects`` on the demo: JSON and CSV with the same figures, refusals."""

from __future__ import annotations

import csv
import io
import json


def test_effects_json_and_csv_on_the_demo(runner, demo):
    result = runner.invoke(args=["analysis", "effects", "--site", "WI"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "not results of an experiment" in data["note"]
    assert data["window"] == 6 and data["transition"] == 1 and data["adjusted"] is True
    rows = data["rows"]
    assert {r["site"] for r in rows} == {"WI"}
    assert {(r["type"], r["item"], r["metric"]) for r in rows} >= {
        ("appointments", "appointment", "top2"),
        ("appointments", "waiting", "mean"),
        ("language_mediation", "communication", "share"),
    }
    for row in rows:
        assert row["suppressed"] or row["low"] <= row["estimate"] <= row["high"]
        assert row["n_pre"] == "<10" or row["suppressed"] or row["n_pre"] >= 10
    shown = runner.invoke(args=["analysis", "effects", "--site", "WI", "--format", "csv"])
    assert shown.exit_code == 0
    lines = list(csv.DictReader(io.StringIO(shown.stdout)))
    assert [(r["item"], r["metric"]) for r in lines] == [(r["item"], r["metric"]) for r in rows]
    first = next(r for r in rows if not r["suppressed"])
    line = next(x for x in lines if (x["item"], x["metric"]) == (first["item"], first["metric"]))
    assert float(line["estimate"]) == first["estimate"]
    pooled = runner.invoke(
        args=["analysis", "effects", "--type", "appointments", "--format", "csv",
              "--table", "pooled"]
    )  # fmt: skip
    assert pooled.exit_code == 0, pooled.output
    table = list(csv.DictReader(io.StringIO(pooled.stdout)))
    waiting = next(r for r in table if (r["item"], r["metric"]) == ("waiting", "mean"))
    assert int(waiting["k"]) >= 2 and float(waiting["tau2"]) >= 0


def test_effects_refuses_bad_input(runner, make_site):
    make_site("AA")
    for args, message in (
        (["--site", "ZZ"], "unknown site"),
        (["--window", "0"], "0"),
        (["--type", "nonsense"], "nonsense"),
    ):
        result = runner.invoke(args=["analysis", "effects", *args])
        assert result.exit_code != 0 and message in result.output, (args, result.output)
