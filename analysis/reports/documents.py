"""The two documents as PDF bytes: gather the data, export charts, render."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from time import perf_counter

from sqlalchemy import Engine

from . import network, render, site
from .charts import export
from .network_charts import network_figures
from .questionnaire import questions
from .site_charts import site_figures

Progress = Callable[[str], None]


@dataclass
class Timing:
    """Seconds spent per stage (for the CLI's progress and the benchmark)."""

    stages: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, seconds: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds


def site_report(
    bind: Engine,
    code: str,
    name: str,
    start: date,
    end: date,
    *,
    lang: str,
    gettext: render.Gettext,
    progress: Progress = lambda _: None,
    timing: Timing | None = None,
    comments: bool = True,
    measures: Sequence[tuple[date, str]] = (),
) -> bytes:
    """The site report; ``comments`` adds an excerpt of scrubbed comments; ``measures``
    (day, label) are marked on the trend."""
    timing = timing or Timing()
    started = perf_counter()
    progress("analysis")
    data = site.build(
        bind, code, name, start, end, comments=6 if comments else 0, measures=measures
    )
    timing.add("analysis", perf_counter() - started)
    title = gettext("Bericht zur Kundenzufriedenheit") + f" – {name}"
    with tempfile.TemporaryDirectory(prefix="report-") as folder:
        started = perf_counter()
        progress("charts")
        charts = export(site_figures(data, gettext), Path(folder))
        timing.add("charts", perf_counter() - started)
        started = perf_counter()
        progress("pdf")
        html = render.render_html("site.html", gettext, lang, r=data, title=title, charts=charts)
        pdf = render.write_pdf(html, folders=[Path(folder)])
        timing.add("pdf", perf_counter() - started)
    return pdf


def network_report(
    bind: Engine,
    sites: dict[str, str],
    start: date,
    end: date,
    *,
    a: network.Wave | None = None,
    b: network.Wave | None = None,
    lang: str,
    gettext: render.Gettext,
    progress: Progress = lambda _: None,
    timing: Timing | None = None,
    type_labels: Mapping[str, str] | None = None,
) -> bytes:
    """The cross-site publication: title page, contents, one profile page per site, …,
    what worked (``type_labels``: the measure types' names in ``lang``, by code)."""
    timing = timing or Timing()
    started = perf_counter()
    progress("analysis")
    data = network.build(bind, sites, start, end, a=a, b=b, type_labels=type_labels)
    timing.add("analysis", perf_counter() - started)
    title = gettext("Kundenzufriedenheit in den Ausländerbehörden: Ergebnisse im Vergleich")
    questionnaire, asked = questions()
    with tempfile.TemporaryDirectory(prefix="report-") as folder:
        started = perf_counter()
        progress(f"charts ({len(data.sites)} sites)")
        charts = export(network_figures(data, gettext), Path(folder))
        timing.add("charts", perf_counter() - started)
        started = perf_counter()
        progress(f"pdf ({len(data.profiles)} site profiles)")
        html = render.render_html(
            "network.html",
            gettext,
            lang,
            r=data,
            title=title,
            charts=charts,
            questionnaire=questionnaire,
            questions=asked,
            locales=site.LOCALES,
        )
        pdf = render.write_pdf(html, folders=[Path(folder)])
        timing.add("pdf", perf_counter() - started)
    return pdf
