"""Self-hosted web fonts for the scripts system fonts may lack (Arabic, Ethiopic).

Latin and Cyrillic locales use the system font stack: every phone and desktop
ships fonts for them, and the form stays light. Arabic-script and Ethiopic
locales get a subset of a Noto font from Debian's ``fonts-noto-core``, served by
the app (never a third-party host) from ``survey/static/fonts/`` through one
small stylesheet per font, linked only on pages in a locale that needs it.

``flask translations fonts`` rebuilds the subsets; the glyph test checks that
every character of every catalog is in the font served for its locale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"


@dataclass(frozen=True)
class WebFont:
    family: str
    source: str  # file name in fonts-noto-core
    unicodes: str  # ranges kept in the subset (CSS unicode-range syntax)

    @property
    def slug(self) -> str:
        return self.family.replace(" ", "")

    @property
    def woff2(self) -> str:
        return self.source.replace(".ttf", ".woff2")

    @property
    def stylesheet(self) -> str:
        return f"{self.slug}.css"


_COMMON = "U+0020-007E,U+00A0,U+00AB,U+00BB,U+2010-2027,U+2039-203A"
WEB_FONTS: dict[str, WebFont] = {
    f.family: f
    for f in (
        WebFont(
            "Noto Naskh Arabic",
            "NotoNaskhArabic-Regular.ttf",
            _COMMON + ",U+060C-06FF,U+0750-077F,U+08A0-08FF,U+200C-200F,U+FB50-FDFF,U+FE70-FEFF",
        ),
        WebFont(
            "Noto Sans Ethiopic",
            "NotoSansEthiopic-Regular.ttf",
            _COMMON + ",U+1200-139F,U+2D80-2DDF,U+AB00-AB2F",
        ),
    )
}


def subset_arguments(font: WebFont, source_dir: Path, target_dir: Path) -> list[str]:
    """Arguments for ``fontTools.subset.main`` (an argument list, no shell)."""
    return [
        str(source_dir / font.source),
        f"--unicodes={font.unicodes}",
        "--layout-features=*",  # Arabic shaping needs init/medi/fina/rlig and marks
        "--flavor=woff2",
        f"--output-file={target_dir / font.woff2}",
    ]


def build(source_dir: Path = NOTO_DIR, target_dir: Path = STATIC_DIR) -> list[Path]:
    from fontTools import subset

    written = []
    for font in WEB_FONTS.values():
        subset.main(subset_arguments(font, source_dir, target_dir))
        written.append(target_dir / font.woff2)
    return written
