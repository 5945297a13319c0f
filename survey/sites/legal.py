"""An office's details on its privacy notice (DSGVO Art. 13) and accessibility statement
(BITV 2.0): which settings they are, how they are cleaned, and which are still missing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .models import Site

#: The free-text details, in the order of the settings page.
LEGAL_TEXTS = (
    "legal_name",
    "legal_address",
    "legal_contact",
    "dpo_contact",
    "supervisory_authority",
)
LEGAL_SETTINGS = (*LEGAL_TEXTS, "accessibility_reviewed")

#: What each page needs from the office; a missing one shows the "not yet filled in" notice.
PRIVACY_NEEDS = LEGAL_TEXTS
ACCESSIBILITY_NEEDS = ("legal_name", "legal_contact", "accessibility_reviewed")

#: The arbitration body for accessibility disputes (Schlichtungsstelle nach § 16 BGG).
ARBITRATION_URL = "https://www.schlichtungsstelle-bgg.de/"


def clean_text(value: Any) -> str:
    """A detail as stored: no surrounding blanks, ``\\n`` line ends, ``None`` as empty."""
    text = "" if value is None else str(value)
    return "\n".join(line.strip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def cleaned(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with the legal texts among them cleaned (other keys unchanged)."""
    return {key: clean_text(v) if key in LEGAL_TEXTS else v for key, v in values.items()}


@dataclass(frozen=True)
class LegalDetails:
    """What a page shows of an office; ``missing`` names what the office has not set."""

    name: str
    address: str
    contact: str
    dpo: str
    authority: str
    reviewed: date | None
    missing: tuple[str, ...]


def details(site: Site | None, needs: tuple[str, ...]) -> LegalDetails:
    """The office's details for a page that ``needs`` those settings (no site: all missing)."""
    if site is None:
        return LegalDetails("", "", "", "", "", None, needs)
    missing = tuple(key for key in needs if not getattr(site, key))
    return LegalDetails(
        name=site.legal_name,
        address=site.legal_address,
        contact=site.legal_contact,
        dpo=site.dpo_contact,
        authority=site.supervisory_authority,
        reviewed=site.accessibility_reviewed,
        missing=missing,
    )
