"""The figures of one dashboard computed by DuckDB from the raw rows (for dashboard_speed.py).

DuckDB reads the SQLite file through sqlite_scanner (loaded from the PyPI
package, no download) and computes, from the ``response`` and ``answer`` rows:

- ``lead``: headline (CSAT, referral gap, first-visit resolution per site and
  network, for the period and the previous period), the 24-month trend of the
  item, the item profile (n, mean, sd, top-2 of every 1–5 item), the
  breakdowns of the item by channel, locale and topic, and the per-response
  pivot of the site the drivers use (correlations);
- ``overview``: heatmap sites × items (n, mean, sd, top-2), the trends of all
  sites, the channel mix per site.

Prints ``{"seconds": …, "rows": {…}}``; the time includes attaching the file.

    python bench/dashboard_duckdb.py DB lead|overview SITE START END PREV TREND_START ITEM
"""

# ruff: noqa: S608 - the SQL is built from the benchmark's own arguments (dates, codes)
from __future__ import annotations

import glob
import json
import os
import sys
import time

import duckdb
import duckdb_extension_sqlite_scanner as pkg

TOP2 = "avg(CASE WHEN value >= top - 1 THEN 1.0 ELSE 0.0 END)"


def main() -> None:
    db, which, site, start, end, prev, trend_start, item = sys.argv[1:9]
    began = time.perf_counter()
    where = os.path.join(os.path.dirname(pkg.__file__), "extensions", "*", "*.duckdb_extension")
    offline = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    con = duckdb.connect(config=offline)
    con.execute(f"LOAD '{glob.glob(where)[0]}'")
    con.execute(f"ATTACH '{db}' AS s (TYPE sqlite, READ_ONLY)")
    low = min(prev, trend_start) if which == "lead" else min(start, trend_start)
    con.execute(
        "CREATE TEMP TABLE v AS SELECT st.code AS site, CAST(r.day AS DATE) AS day, r.channel,"
        " r.locale, r.id AS rid, i.code AS item, i.kind, i.max_value AS top, a.value"
        " FROM s.response r JOIN s.answer a ON a.response_id = r.id"
        " JOIN s.site st ON st.id = r.site_id JOIN s.item i ON i.id = a.item_id"
        f" WHERE NOT CAST(r.flagged AS BOOLEAN) AND r.day >= '{low}' AND r.day <= '{end}'"
    )
    period = f"day BETWEEN DATE '{start}' AND DATE '{end}'"
    before = f"day BETWEEN DATE '{prev}' AND DATE '{start}' - 1"
    span = f"day BETWEEN DATE '{trend_start}' AND DATE '{end}'"
    q = {
        "trend": f"SELECT coalesce(site, 'ALL'), date_trunc('month', day) m, count(*), {TOP2}"
        f" FROM v WHERE item = '{item}' AND value > 0 AND {span}"
        " GROUP BY GROUPING SETS ((site, m), (m))",
        "items": f"SELECT coalesce(site, 'ALL'), item, count(*), avg(value), stddev_samp(value),"
        f" {TOP2} FROM v WHERE kind = 'scale' AND value > 0 AND {period}"
        " GROUP BY GROUPING SETS ((site, item), (item))",
    }
    if which == "lead":
        for name, when in (("now", period), ("before", before)):
            q[name] = (
                "SELECT coalesce(site, 'ALL'), item, count(*), avg(CASE WHEN item = 'overall'"
                " THEN (value >= 4)::INT ELSE (value = 4)::INT END) FROM v"
                f" WHERE item IN ('overall', 'referral') AND value > 0 AND {when}"
                " GROUP BY GROUPING SETS ((site, item), (item))"
            )
            q[name + "_fvr"] = (
                "SELECT coalesce(x.site, 'ALL'), count(*), avg((x.value = 1)::INT)"
                " FROM v x JOIN v y ON x.rid = y.rid WHERE x.item = 'resolved'"
                f" AND y.item = 'visits' AND y.value = 1 AND x.{when}"
                " GROUP BY GROUPING SETS ((x.site), ())"
            )
        for group in ("channel", "locale"):
            q[group] = (
                f"SELECT {group}, site, count(*), {TOP2} FROM v WHERE item = '{item}'"
                f" AND value > 0 AND {period} GROUP BY {group}, site"
            )
        q["topic"] = (
            "SELECT coalesce(t.value, 0), x.site, count(*),"
            " avg(CASE WHEN x.value >= x.top - 1 THEN 1.0 ELSE 0.0 END) FROM v x"
            " LEFT JOIN (SELECT rid, value FROM v WHERE item = 'topic') t ON t.rid = x.rid"
            f" WHERE x.item = '{item}' AND x.value > 0 AND x.{period} GROUP BY 1, x.site"
        )
        pivot = ", ".join(
            f"max(value) FILTER (item = '{code}') AS {code}"
            for code in ("overall", "waiting", "friendly", "understood", "fair", "trust")
        )
        q["drivers"] = (
            "SELECT corr(overall, waiting), corr(overall, friendly), corr(overall, understood),"
            f" corr(overall, fair), corr(overall, trust) FROM (SELECT rid, {pivot} FROM v"
            f" WHERE site = '{site}' AND kind = 'scale' AND value > 0 AND {period} GROUP BY rid)"
        )
    else:
        q["mix"] = (
            "SELECT st.code, r.channel, count(*) FROM s.response r"
            " JOIN s.site st ON st.id = r.site_id WHERE NOT CAST(r.flagged AS BOOLEAN)"
            f" AND r.day >= '{start}' AND r.day <= '{end}' GROUP BY 1, 2"
        )
    rows = {name: len(con.execute(sql).fetchall()) for name, sql in q.items()}
    print(json.dumps({"seconds": time.perf_counter() - began, "rows": rows}))


if __name__ == "__main__":
    main()
