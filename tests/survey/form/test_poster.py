"""The QR poster: an A4 PDF with the URL and the invitation in the site's languages."""

from __future__ import annotations

import subprocess
from pathlib import Path

from flask.testing import FlaskCliRunner

from survey.form.poster import TITLE
from survey.i18n import locales
from survey.i18n.text import lookup


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_the_cli_writes_the_poster(runner: FlaskCliRunner, make_site, tmp_path: Path) -> None:
    make_site("WI", "Wiesbaden", locales=["de", "en", "uk", "ti"])
    out = tmp_path / "poster.pdf"
    result = runner.invoke(
        args=["poster", "WI", "--out", str(out), "--base-url", "https://feedback.example.de/"]
    )
    assert result.exit_code == 0, result.output
    info = subprocess.run(["pdfinfo", str(out)], check=True, capture_output=True, text=True)
    assert "pts (A4)" in info.stdout
    assert "Pages:           1" in info.stdout
    text = pdf_text(out)
    assert "https://feedback.example.de/s/WI" in text
    assert "Wiesbaden" in text
    flat = " ".join(text.split())
    for code in ("de", "en", "uk", "ti"):
        assert lookup(locales.get(code), TITLE)[0] in flat, code
    assert lookup(locales.get("ru"), TITLE)[0] not in flat  # only the site's languages


def test_an_unknown_site_has_no_poster(runner: FlaskCliRunner, tmp_path: Path) -> None:
    result = runner.invoke(args=["poster", "NOPE", "--out", str(tmp_path / "p.pdf")])
    assert result.exit_code != 0
    assert not (tmp_path / "p.pdf").exists()
