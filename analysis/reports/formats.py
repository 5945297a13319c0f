"""How figures from :mod:`analysis` are written in a report (one place, so tests can match)."""

from __future__ import annotations


def share(value: float | None, lang: str = "de") -> str:
    """A share as a percentage with one decimal (``78.1 %`` / ``78,1 %``)."""
    if value is None:
        return "–"
    return _decimal(f"{100 * value:.1f}", lang) + " %"


def points(value: float | None, lang: str = "de") -> str:
    """A difference of shares in percentage points with sign."""
    if value is None:
        return "–"
    return _decimal(f"{100 * value:+.1f}", lang)


def mean(value: float | None, lang: str = "de") -> str:
    if value is None:
        return "–"
    return _decimal(f"{value:.2f}", lang)


def signed(value: float | None, lang: str = "de") -> str:
    if value is None:
        return "–"
    return _decimal(f"{value:+.2f}", lang)


def p_value(value: float | None, lang: str = "de") -> str:
    if value is None:
        return "–"
    if value < 0.001:
        return "< " + _decimal("0.001", lang)
    return _decimal(f"{value:.3f}", lang)


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
}
