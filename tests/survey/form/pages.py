"""Reading rendered pages in tests: visible text, fallback markers, German source strings."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

from babel.messages.pofile import read_po

from survey import ROOT

FALLBACK_MARK = '<span lang="de">'


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.chunks.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.chunks


@cache
def german_sources() -> frozenset[str]:
    """Every German msgid of the template with at least two words (short words like
    "ja" or "Jobcenter" may legitimately appear inside other languages)."""
    with (ROOT / "translations" / "messages.pot").open("rb") as fh:
        template = read_po(fh)
    ids = [text for m in template if m.id for text in ((m.id,) if isinstance(m.id, str) else m.id)]
    return frozenset(t for t in ids if len(t.split()) >= 2 and "%(" not in t)


def html_attr(html: str, name: str) -> str:
    found = re.search(rf"<html[^>]*\s{name}=\"([^\"]*)\"", html)
    assert found, f"<html> has no {name}"
    return found.group(1)
