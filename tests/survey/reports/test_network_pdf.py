"""The network publication as a real PDF: contents, bookmarks, one page per site, CLI figures."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from analysis.reports import formats
from survey.reports.operations import all_sites

from .conftest import cli_json, pdftotext

PERIOD = ("2015-10-01", "2017-06-30")
A, B = "2015-10-01:2016-03-31", "2017-01-01:2017-06-30"
HEADINGS = {
    "de": ["Inhalt", "Zusammenfassung", "Standortprofile", "Methodik"],
    "en": ["Contents", "Executive summary", "Site profiles", "Methodology"],
}
PROFILES = {"de": "Standortprofile", "en": "Site profiles"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_publication(runner, app, demo, tmp_path, lang):
    out = tmp_path / f"network-{lang}.pdf"
    args = ["report", "network", "--from", PERIOD[0], "--to", PERIOD[1], "--a", A, "--b", B]
    result = runner.invoke(args=[*args, "--lang", lang, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "… pdf (16 site profiles)" in result.output

    with app.app_context():
        sites = all_sites()
    reader = PdfReader(out)
    pages = [page.extract_text() for page in reader.pages]

    # one profile page per site, each starting on its own page, numbered in the contents
    contents = pdftotext(out, "-layout", "-f", "2", "-l", "2")
    for code, name in sites.items():
        heading = f"{name} ({code})"
        found = re.search(rf"{re.escape(heading)}\s*\.+\s*(\d+)", contents)
        assert found, heading
        page = int(found.group(1))
        assert heading in pages[page - 1]
    assert len(reader.pages) >= len(sites) + 6

    # bookmarks: chapters, with the sites below the profiles chapter
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    for heading in HEADINGS[lang][1:]:
        assert heading in titles
    chapter = next(
        k for k, item in enumerate(outline) if getattr(item, "title", "") == PROFILES[lang]
    )
    nested = outline[chapter + 1]
    assert [item.title for item in nested] == [f"{n} ({c})" for c, n in sites.items()]
    assert reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == lang

    # the comparison tables print what `analysis compare` prints
    text = pdftotext(out, "-layout")
    compare = cli_json(runner, "analysis", "compare", "--a", A, "--b", B)
    shown = [r for r in compare["rows"] if not r["suppressed"]]
    assert shown
    for row in shown:
        fmt = formats.points if row["metric"] == "top2" else formats.signed
        diff, low, high = (fmt(row[k], lang) for k in ("diff", "diff_low", "diff_high"))
        cell = f"{diff} [{low}; {high}]"
        line = next((line for line in text.splitlines() if cell in line), None)
        assert line is not None, (row, cell)
        assert formats.p_value(row["p_adj"], lang) in line
    if any(r["suppressed"] for r in compare["rows"]):
        assert {"de": "weniger als 10 Antworten", "en": "fewer than 10 answers"}[lang] in text

    # network figures of the period equal `analysis summary --by all`
    summary = cli_json(
        runner, "analysis", "summary", "--by", "all", "--from", PERIOD[0], "--to", PERIOD[1]
    )
    overall = next(r for r in summary["rows"] if r["site"] == "ALL" and r["item"] == "overall")
    low, high = formats.share(overall["top2_low"], lang), formats.share(overall["top2_high"], lang)
    assert f"{formats.share(overall['top2'], lang)} {low} – {high}" in re.sub(r"\s+", " ", text)
