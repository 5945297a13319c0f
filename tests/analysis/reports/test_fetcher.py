from __future__ import annotations

from pathlib import Path

import pytest

from analysis.reports.fetcher import LocalFetcher, RefusedURL
from analysis.reports.render import TEMPLATES


@pytest.fixture
def fetcher(tmp_path: Path) -> LocalFetcher:
    (tmp_path / "chart.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    return LocalFetcher([TEMPLATES, tmp_path])


def test_serves_the_stylesheet_and_the_exported_charts(fetcher, tmp_path):
    css = fetcher.fetch((TEMPLATES / "report.css").as_uri())
    assert b"@page" in css.read()
    css.close()
    chart = fetcher.fetch((tmp_path / "chart.svg").as_uri())
    assert b"<svg" in chart.read()
    chart.close()
    inline = fetcher.fetch("data:text/css,body{}")
    assert inline.read() == b"body{}"
    inline.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/x.css",
        "https://example.org/font.woff2",
        "ftp://example.org/x",
        "file:///etc/passwd",
        "file://remote-host/share/x.css",
    ],
)
def test_refuses_everything_else(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_refuses_escapes_from_the_allowed_folders(fetcher, tmp_path):
    outside = tmp_path.parent / "secret.txt"
    outside.write_text("secret")
    with pytest.raises(RefusedURL):
        fetcher.fetch((tmp_path / ".." / "secret.txt").as_uri().replace("%2E", "."))
    with pytest.raises(RefusedURL):
        fetcher.fetch(outside.as_uri())
    with pytest.raises(RefusedURL):
        fetcher.fetch((TEMPLATES / "../../setup.cfg").as_uri())
