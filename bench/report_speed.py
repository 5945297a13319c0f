"""How long the network publication takes: analysis, chart export, PDF render.

Usage (a database from bench/summary_vs_duckdb.py, opened read-only)::

    python bench/report_speed.py /tmp/survey-bench-analysis/r1000000/survey.sqlite3

Renders the publication for every site over 21 months (Oct 2015 – Jun 2017,
baseline Oct 2015 – Mar 2016 vs follow-up Jan – Jun 2017), then renders the
same content again without the analysis (charts + PDF only). The goal of
issue 9: total ≤ 1.3 × (chart export + render alone).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from time import perf_counter

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.reports import documents, network, render  # noqa: E402
from analysis.reports.charts import export  # noqa: E402
from analysis.reports.network_charts import network_figures  # noqa: E402
from analysis.reports.questionnaire import questions  # noqa: E402
from analysis.reports.site import LOCALES  # noqa: E402

START, END = date(2015, 10, 1), date(2017, 6, 30)
A, B = (date(2015, 10, 1), date(2016, 3, 31)), (date(2017, 1, 1), date(2017, 6, 30))


def charts_and_render(data: network.NetworkReport, out: Path) -> dict[str, float]:
    """The unavoidable part: export the figures and render the PDF of ``data``."""
    import tempfile

    times = {}
    questionnaire, asked = questions()
    with tempfile.TemporaryDirectory() as folder:
        started = perf_counter()
        charts = export(network_figures(data, str), Path(folder))
        times["charts"] = perf_counter() - started
        started = perf_counter()
        html = render.render_html(
            "network.html",
            str,
            "de",
            r=data,
            title="Bench",
            charts=charts,
            questionnaire=questionnaire,
            questions=asked,
            locales=LOCALES,
        )
        out.write_bytes(render.write_pdf(html, folders=[Path(folder)]))
        times["pdf"] = perf_counter() - started
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", type=Path)
    parser.add_argument("--out", type=Path, default=Path("report-bench.pdf"))
    args = parser.parse_args()
    engine = create_engine(f"sqlite:///file:{args.database}?mode=ro&uri=true")
    with engine.connect() as conn:
        sites = dict(conn.execute(text("SELECT code, name FROM site ORDER BY code")).all())
        answers = conn.execute(text("SELECT count(*) FROM response")).scalar()

    timing = documents.Timing()
    started = perf_counter()
    pdf = documents.network_report(
        engine, sites, START, END, a=A, b=B, lang="de", gettext=str, timing=timing
    )
    total = perf_counter() - started
    args.out.write_bytes(pdf)

    data = network.build(engine, sites, START, END, a=A, b=B)
    alone = charts_and_render(data, args.out.with_suffix(".alone.pdf"))
    unavoidable = alone["charts"] + alone["pdf"]
    result = {
        "responses": answers,
        "sites": len(sites),
        "months": 21,
        "total_s": round(total, 2),
        "stages_s": {k: round(v, 2) for k, v in timing.stages.items()},
        "charts_and_render_alone_s": round(unavoidable, 2),
        "ratio": round(total / unavoidable, 3),
        "goal": 1.3,
        "pages": pdf.count(b"/Type /Page\n") or None,
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
