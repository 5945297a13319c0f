"""Small numbers: kept as an import path; the policy lives in :mod:`analysis.disclosure`."""

from __future__ import annotations

from .disclosure import (
    MIN_N,
    RELIABLE_N,
    SUPPRESSED_N,
    Decision,
    limited,
    protect,
    shown_n,
)

__all__ = ["MIN_N", "RELIABLE_N", "SUPPRESSED_N", "Decision", "limited", "protect", "shown_n"]
