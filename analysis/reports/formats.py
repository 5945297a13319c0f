"""How figures from :mod:`analysis` are written in a report (one place, so tests can match).

Each figure is first rounded exactly as the JSON and CSV outputs round it
(:func:`analysis.output.plain`, 6 significant digits) and only then to the
printed decimals, so a printed number is always the CLI's number, rounded once
more, never a different rounding of the unrounded value.
"""

from __future__ import annotations

from ..output import plain


def share(value: float | None, lang: str = "de") -> str:
    value = plain(value)
    """A share as a percentage with one decimal (``78.1 %`` / ``78,1 %``)."""
    if value is None:
        return "–"
    return _decimal(f"{100 * value:.1f}", lang) + " %"


def points(value: float | None, lang: str = "de") -> str:
    value = plain(value)
    """A difference of shares in percentage points with sign."""
    if value is None:
        return "–"
    return _decimal(f"{100 * value:+.1f}", lang)


def mean(value: float | None, lang: str = "de") -> str:
    value = plain(value)
    if value is None:
        return "–"
    return _decimal(f"{value:.2f}", lang)


def signed(value: float | None, lang: str = "de") -> str:
    value = plain(value)
    if value is None:
        return "–"
    return _decimal(f"{value:+.2f}", lang)


def p_value(value: float | None, lang: str = "de") -> str:
    value = plain(value)
    if value is None:
        return "–"
    if value < 0.001:
        return "< " + _decimal("0.001", lang)
    return _decimal(f"{value:.3f}", lang)


def tau2(value: float | None, lang: str = "de") -> str:
    """τ² of a pooled estimate (four decimals)."""
    value = plain(value)
    if value is None:
        return "–"
    return _decimal(f"{value:.4f}", lang)


def count(value: int | str | None) -> str:
    if value is None:
        return "–"
    return str(value)


def _decimal(text: str, lang: str) -> str:
    return text.replace(".", ",") if lang == "de" else text


FILTERS = {
    "share": share,
    "points": points,
    "mean": mean,
    "signed": signed,
    "p_value": p_value,
    "count": count,
    "tau2": tau2,
}
