"""The site report as a real PDF: its figures are those of ``analysis summary/compare``."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from analysis.reports import formats
from analysis.reports.items import SCALE_ITEMS

from .conftest import ARABIC, PERIOD, TIGRINYA, cli_json, pdffonts, pdftotext

HEADINGS = {
    "de": ["Kennzahlen", "Verlauf", "Fragenprofil im Vergleich zum Netzwerk", "Methodik"],
    "en": ["Headline indicators", "Trend", "Item profile compared with the network", "Methodology"],
}
SUPPRESSED = {"de": "weniger als 10 Antworten", "en": "fewer than 10 answers"}


def _render(runner, tmp_path, lang: str):
    out = tmp_path / f"wi-{lang}.pdf"
    result = runner.invoke(
        args=[
            "report",
            "site",
            "WI",
            "--from",
            PERIOD[0],
            "--to",
            PERIOD[1],
            "--lang",
            lang,
            "--out",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "… pdf" in result.output  # progress on the CLI
    return out


@pytest.mark.parametrize("lang", ["de", "en"])
def test_site_report_shows_the_cli_figures(runner, demo, tmp_path, lang):
    out = _render(runner, tmp_path, lang)
    text = pdftotext(out, "-layout")
    for heading in HEADINGS[lang]:
        assert heading in text
    assert "Wiesbaden (WI)" in text

    summary = cli_json(
        runner,
        "analysis",
        "summary",
        "--site",
        "WI",
        "--by",
        "all",
        "--from",
        PERIOD[0],
        "--to",
        PERIOD[1],
    )
    rows = [r for r in summary["rows"] if r["site"] == "WI" and r["item"] in SCALE_ITEMS]
    assert rows
    for row in rows:
        if row["suppressed"]:
            assert SUPPRESSED[lang] in text
            continue
        share = formats.share(row["top2"], lang)
        interval = (
            f"{formats.share(row['top2_low'], lang)} – {formats.share(row['top2_high'], lang)}"
        )
        mean = f"{formats.mean(row['mean_low'], lang)} – {formats.mean(row['mean_high'], lang)}"
        line = next(line for line in text.splitlines() if interval in line and mean in line)
        assert share in line and f" {row['n']} " in line

    compare = cli_json(
        runner,
        "analysis",
        "compare",
        "--site",
        "WI",
        "--a",
        "2015-01-01:2015-12-31",
        "--b",
        ":".join(PERIOD),
    )
    for row in (r for r in compare["rows"] if r["site"] == "WI" and r["metric"] == "top2"):
        diff = formats.points(row["diff"], lang)
        low, high = formats.points(row["diff_low"], lang), formats.points(row["diff_high"], lang)
        assert f"{diff} [{low}; {high}]" in text
        assert formats.p_value(row["p_adj"], lang) in text

    # a month with fewer than 10 answers says so instead of showing figures
    trend = cli_json(
        runner, "analysis", "trend", "--site", "WI", "--from", PERIOD[0], "--to", PERIOD[1]
    )
    hidden = [r["period"] for r in trend["rows"] if r["site"] == "WI" and r["suppressed"]]
    for month in hidden:
        assert re.search(rf"{month}\s+\S+\s+{SUPPRESSED[lang]}", text)

    reader = PdfReader(out)
    assert reader.metadata.title.startswith(
        {"de": "Bericht zur Kundenzufriedenheit", "en": "Customer satisfaction report"}[lang]
    )
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert len(reader.pages) >= 4
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert HEADINGS[lang][0] in titles


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def logical(line: str) -> str:
    """pdftotext writes an RTL line word by word in visual order, each word marked RLE…PDF."""
    return " ".join(reversed(line.translate(BIDI_CONTROLS).split()))


def test_comments_in_arabic_and_tigrinya_extract_as_written(
    runner, app, make_site, make_response, tmp_path
):
    site = make_site("TS", name="Teststadt")
    for k in range(12):
        make_response(site, {"overall": (4 if k % 3 else 2,), "topic": (1,)}, day=date(2016, 5, 2))
    for locale, comment in (("ar", ARABIC), ("ti", TIGRINYA)):
        make_response(site, {"overall": (5,)}, locale=locale, comment=comment, day=date(2016, 5, 3))
    out = tmp_path / "ts.pdf"
    result = runner.invoke(
        args=[
            "report",
            "site",
            "TS",
            "--from",
            "2016-05-01",
            "--to",
            "2016-05-31",
            "--out",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    lines = pdftotext(out, "-raw").splitlines()
    assert TIGRINYA in lines
    assert ARABIC in [logical(line) for line in lines]
    fonts = pdffonts(out)
    assert re.search(r"Noto-?Naskh-?Arabic\S*\s+CID TrueType\s+\S+\s+yes", fonts)
    assert re.search(r"Noto-?Sans-?Ethiopic\S*\s+CID TrueType\s+\S+\s+yes", fonts)
    # too few complete answers for drivers: said, not failed
    assert "Zu wenige vollständige Antworten" in "\n".join(lines)


def test_without_the_comments_capability_no_comment_is_printed(runner, demo, tmp_path):
    out = tmp_path / "wi.pdf"
    result = runner.invoke(
        args=[
            "report",
            "site",
            "WI",
            "--from",
            PERIOD[0],
            "--to",
            PERIOD[1],
            "--no-comments",
            "--out",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    text = pdftotext(out, "-raw")
    assert "Auszug aus den Kommentaren" not in text
    assert TIGRINYA not in text


def test_unknown_site_is_an_error(runner, demo, tmp_path):
    result = runner.invoke(
        args=[
            "report",
            "site",
            "XX",
            "--from",
            "2016-01-01",
            "--to",
            "2016-02-01",
            "--out",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert result.exit_code == 1
    assert "unknown site" in result.output
