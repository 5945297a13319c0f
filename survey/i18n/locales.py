"""The 18 locales of docs/methodology.md §5: public code, own name, direction, catalog, font.

The public code (``de-easy``, ``fa-AF``) is what appears in ``?lang=``, in the CSV
``locale`` column and in exports. ``catalog`` names the folder under ``translations/``;
``babel`` is the Babel locale used to format numbers. Babel knows neither Leichte
Sprache nor a separate Dari locale, so ``de-easy`` has a catalog of its own
(``de_easy``) but formats like ``de``, and Dari is ``fa_AF``.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "de"

#: Native digits per CLDR numbering system (Babel formats with ASCII digits only).
DIGITS = {
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
}


@dataclass(frozen=True)
class LocaleInfo:
    code: str  # public code
    native: str  # own name, own script
    english: str
    catalog: str  # folder under translations/
    babel: str  # Babel locale for numbers and dates
    html_lang: str  # value of the lang attribute
    direction: str = "ltr"
    #: CSS font family served by the app for this script (None: system fonts)
    font: str | None = None
    #: Native digits (a key of DIGITS), or None for ASCII digits
    digits: str | None = None

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


_ARABIC = "Noto Naskh Arabic"
_ETHIOPIC = "Noto Sans Ethiopic"

LOCALES: tuple[LocaleInfo, ...] = (
    LocaleInfo("de", "Deutsch", "German", "de", "de", "de"),
    LocaleInfo("de-easy", "Leichte Sprache", "Easy German", "de_easy", "de", "de"),
    LocaleInfo("en", "English", "English", "en", "en", "en"),
    LocaleInfo("ar", "العربية", "Arabic", "ar", "ar", "ar", "rtl", _ARABIC),
    LocaleInfo("fa", "فارسی", "Persian", "fa", "fa", "fa", "rtl", _ARABIC, "arabext"),
    LocaleInfo("fa-AF", "دری", "Dari", "fa_AF", "fa_AF", "fa-AF", "rtl", _ARABIC, "arabext"),
    LocaleInfo("ps", "پښتو", "Pashto", "ps", "ps", "ps", "rtl", _ARABIC, "arabext"),
    LocaleInfo("ckb", "کوردی", "Kurdish (Sorani)", "ckb", "ckb", "ckb", "rtl", _ARABIC, "arab"),
    LocaleInfo("ku", "Kurdî", "Kurdish (Kurmanji)", "ku", "ku", "ku"),
    LocaleInfo("ti", "ትግርኛ", "Tigrinya", "ti", "ti", "ti", "ltr", _ETHIOPIC),
    LocaleInfo("tr", "Türkçe", "Turkish", "tr", "tr", "tr"),
    LocaleInfo("ru", "Русский", "Russian", "ru", "ru", "ru"),
    LocaleInfo("uk", "Українська", "Ukrainian", "uk", "uk", "uk"),
    LocaleInfo("so", "Soomaali", "Somali", "so", "so", "so"),
    LocaleInfo("fr", "Français", "French", "fr", "fr", "fr"),
    LocaleInfo("es", "Español", "Spanish", "es", "es", "es"),
    LocaleInfo("ro", "Română", "Romanian", "ro", "ro", "ro"),
    LocaleInfo("pl", "Polski", "Polish", "pl", "pl", "pl"),
)

BY_CODE: dict[str, LocaleInfo] = {info.code: info for info in LOCALES}
CODES: tuple[str, ...] = tuple(BY_CODE)
_LOOKUP: dict[str, str] = {}
for _info in LOCALES:
    for _alias in (_info.code, _info.catalog, _info.code.replace("-", "_")):
        _LOOKUP[_alias.lower()] = _info.code


def normalize(value: str | None) -> str | None:
    """The public code for ``value`` (``fa_AF``, ``FA-af``, ``de_easy`` …), or None."""
    if not value:
        return None
    return _LOOKUP.get(value.strip().lower().replace("_", "-")) or _LOOKUP.get(
        value.strip().lower()
    )


def get(code: str) -> LocaleInfo:
    """The locale for a public code (or an alias of it); KeyError if unknown."""
    found = normalize(code)
    if found is None:
        raise KeyError(code)
    return BY_CODE[found]


def localize_digits(text: str, info: LocaleInfo) -> str:
    """Replace ASCII digits by the locale's native digits, if it has any."""
    if not info.digits:
        return text
    return text.translate(str.maketrans("0123456789", DIGITS[info.digits]))
