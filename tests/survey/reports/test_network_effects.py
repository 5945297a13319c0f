"""The publication's chapter "Was hat gewirkt?" / "What worked?": the catalogue of
``analysis effects`` printed by type, with forest charts, the caveat, translated notices
and the small-number rule, read back from the real PDF in German and English."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from analysis.reports import formats
from tests.analysis.conftest import demo  # noqa: F401 - fixture (the demo with measures)

from .conftest import cli_json, pdftotext

PERIOD = ("2015-10-01", "2017-06-30")
CHAPTER = {"de": "Was hat gewirkt?", "en": "What worked?"}
CAVEAT = {"de": "Beobachtungsstudie, kein Experiment", "en": "Observational study, not an"}
TYPE = {"de": "Terminsystem / Online-Buchung", "en": "Appointment system / online booking"}
COUNTS = {"de": "Antworten nach Kanal und Sprache", "en": "Responses by channel and language"}
FEWER = {"de": "weniger als 10 Antworten", "en": "fewer than 10 answers"}


def start_page(reader: PdfReader, lang: str) -> int:
    item = next(i for i in reader.outline if getattr(i, "title", "") == CHAPTER[lang])
    return reader.get_destination_page_number(item)


def _effect(value: float, metric: str, lang: str) -> str:
    return (formats.signed if metric == "mean" else formats.points)(value, lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_what_worked_chapter(runner, app, demo, tmp_path, lang):  # noqa: F811
    out = tmp_path / f"network-{lang}.pdf"
    args = ["report", "network", "--from", PERIOD[0], "--to", PERIOD[1], "--lang", lang]
    result = runner.invoke(args=[*args, "--out", str(out)])
    assert result.exit_code == 0, result.output

    reader = PdfReader(out)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert CHAPTER[lang] in titles
    text = pdftotext(out, "-layout")
    start = text.index(CHAPTER[lang], text.index(CHAPTER[lang]) + 1)  # after the contents
    chapter = text[start : text.index(COUNTS[lang], start)]
    flat = re.sub(r"\s+", " ", chapter)
    assert CAVEAT[lang] in flat
    assert TYPE[lang] in chapter

    catalogue = cli_json(runner, "analysis", "effects")
    assert catalogue["pooled"], "the demo has measures whose effects pool"
    lines = chapter.splitlines()
    for p in catalogue["pooled"]:
        low, high = (_effect(p[k], p["metric"], lang) for k in ("low", "high"))
        interval = f"[{low}; {high}]"
        estimate = _effect(p["estimate"], p["metric"], lang)
        found = [line for line in lines if interval in line and estimate in line]
        assert found, (p, interval)
        cells = found[0].split()
        assert str(p["k"]) in cells and formats.p_value(p["p_adj"], lang) in found[0]
        assert formats.tau2(p["tau2"], lang) in cells and formats.share(p["i2"], lang) in found[0]

    # every site estimate with its interval; too few answers: no figures, n as "<10"
    for row in catalogue["rows"]:
        head = f"{row['site']} ({row['start']})"
        mine = [line for line in lines if line.lstrip().startswith(head)]
        assert mine, head
        if row["suppressed"]:
            assert any("<10" in line and FEWER[lang] in line for line in mine)
        elif row["estimate"] is not None:
            low, high = (_effect(row[k], row["metric"], lang) for k in ("low", "high"))
            assert any(f"[{low}; {high}]" in line for line in mine), row

    # the notices come from analysis as codes and are printed in the report's language
    english = {w for row in catalogue["rows"] for w in row["warnings"]}
    assert english, "the demo's estimates carry notices"
    if lang == "de":
        for warning in english:
            assert warning[:30] not in flat, warning
        assert "Vergleichsstandort" in flat or "Placebo" in flat
    # a forest chart per type and share outcome, each embedded as a figure
    caption = {"de": "95-%-Intervall,inProzentpunkten", "en": "95-%interval,inpercentagepoints"}
    dense = re.sub(r"\s+", "", chapter)
    shares = {(p["type"], p["item"]) for p in catalogue["pooled"] if p["metric"] != "mean"}
    assert dense.count(caption[lang]) == len(shares)
    pooled = {"de": "Gepoolt (Random Effects)", "en": "Pooled (random effects)"}[lang]
    assert dense.count(pooled.replace(" ", "")) == len(shares)  # the forest label, one each
    assert start_page(reader, lang) > 2
