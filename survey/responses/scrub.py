"""Scrubbing free text before it is stored (docs/methodology.md §6).

:func:`scrub` replaces what looks like personal data with :data:`MARK`:

- e-mail addresses (also written ``name(at)example.de``);
- file numbers (Aktenzeichen, customer or case numbers) after a keyword
  such as ``Az.``, ``AZ:``, ``Aktenzeichen``, ``Kunden-Nr.``, ``case no``;
- phone numbers in German and international formats, and any number with
  five or more digits in a row (file numbers, customer numbers) or six or more
  digits in all; dates (``12.03.2016``) and year ranges stay;
- identity-document numbers, dates of birth and street addresses
  (:mod:`.identifiers`);
- names after a title: ``Herr``, ``Frau``, ``Hr.``, ``Fr.``, ``Mr``, ``Mrs``,
  ``Ms``, ``Dr.`` and their equivalents in the survey's languages, in Latin and
  Cyrillic script (``господин``, ``пан``, ``Bay``/``Bayan``, ``Pan``/``Pani`` …),
  where the name is capitalised; in Arabic, Persian, Pashto and Ethiopic script,
  which have no capitals, the one word after a title that is only used before
  names (``السيد``, ``آقای``, ``ኣቶ`` …), unless it is a common word listed
  below; and the name before the Turkish ``Bey``/``Hanım``. Roles used before a
  name ("Sachbearbeiterin Weber", "officer Smith") and "my name is …" in the
  survey's languages count as titles too.

The titles themselves are kept, so a comment stays readable ("Frau […] war
sehr freundlich"). Scrubbing is idempotent: :data:`MARK` matches nothing.
Digits of every script count (``٠١٥١…`` is a phone number as well).
"""

from __future__ import annotations

import re

from .identifiers import MARK, scrub_identifiers

_DOT = r"(?:\.|\s*(?:\(dot\)|\[dot\])\s*)"
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+(?:@|\s*(?:\(at\)|\[at\])\s*)[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[^\W\d_]{{2,}}",
    re.IGNORECASE,
)

_FILE_KEYWORD = re.compile(
    r"(?<!\w)(?P<head>(?i:"
    r"az|aktenzeichen|akten-?nr|gz|gesch[äa]ftszeichen|kunden-?nr|kundennummer"
    r"|vorgangs-?nr|vorgangsnummer|fall-?nr|fallnummer|antrags-?nr|antragsnummer"
    r"|file\s+(?:no|number)|case\s+(?:no|number)|ref(?:erence)?\s+(?:no|number)"
    r")(?![^\W\d_])\.?[ \t]*(?:[:#]|(?i:nr|no)\.?)?[ \t]*)"
    r"(?P<code>(?=[\w/.\-]*\d)\w[\w/.\-]*\w)"
)

# Digit groups with separators, optionally led by "+", "00" or "(", or by a
# short capital prefix ("ABH-2016-12345"). Whether a candidate is scrubbed is
# decided in _number() by its digits.
_NUMBER = re.compile(r"(?<![\w+])(?:\+|\(|[A-ZÄÖÜ]{1,5}[-/])?\d+(?:[ \t/().\-–]{1,3}\d+)*\)?")
_DATE = re.compile(r"(?<!\d)\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?(?!\d)")
_YEARS = re.compile(r"(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d")
_HOURS = re.compile(r"\d{1,2}[.:]\d\d\s*[-–]\s*\d{1,2}[.:]\d\d")
_RUN = re.compile(r"\d{5,}")
MIN_DIGITS = 6

#: Titles in scripts with capital letters: the capitalised words after them are names.
_CASED_TITLES = (
    # German, English
    "Herrn", "Herr", "Hr.", "Frau", "Fr.", "Fräulein", "Dr.", "Prof.",
    "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Miss",
    # French, Spanish, Romanian, Polish, Turkish, Somali, Kurmanji
    "Monsieur", "Madame", "Mme", "Mlle", "Señor", "Señora", "Señorita", "Sr.", "Sra.", "Srta.",
    "Domnul", "Doamna", "Dl.", "Dna.", "Pan", "Pani", "Bay", "Bayan", "Mudane", "Marwo",
    "Birêz", "Xanim",
    # Russian, Ukrainian
    "господин", "госпожа", "Господин", "Госпожа", "г-н", "г-жа", "пан", "пані", "Пан", "Пані",
    # roles used before a name ("Sachbearbeiterin Weber"), and "my name is …"
    "Sachbearbeiterin", "Sachbearbeiter", "Mitarbeiterin", "Beamtin", "Dolmetscherin",
    "Dolmetscher", "Kollegin", "clerk", "officer", "Officer",
    "mein Name ist", "Mein Name ist", "ich heiße", "Ich heiße", "ich heisse", "Ich heisse",
    "my name is", "My name is", "I am called", "je m'appelle", "Je m'appelle",
    "je m’appelle", "Je m’appelle", "me llamo", "Me llamo", "mi nombre es", "Mi nombre es",
    "nazywam się", "Nazywam się", "mam na imię", "Mam na imię", "mă numesc", "Mă numesc",
    "numele meu este", "Numele meu este", "benim adım", "Benim adım", "Adım",
    "меня зовут", "Меня зовут", "мене звати", "Мене звати", "magacaygu waa",
    "Magacaygu waa", "magacayga waa", "Magacayga waa", "navê min", "Navê min",
)  # fmt: skip

#: Titles in scripts without capitals that are used only before a name.
_UNCASED_TITLES = (
    # Arabic
    "السيد", "السيدة", "الأستاذ", "الأستاذة", "الاستاذ", "الاستاذة", "الدكتور", "الدكتورة",
    # Persian / Dari, Pashto, Sorani
    "آقای", "آقا", "خانم", "ښاغلی", "ښاغلې", "کاک", "کاکە", "خاتوو",
    # Tigrinya / Amharic
    "ኣቶ", "አቶ", "ወ/ሮ", "ወይዘሮ", "ወ/ሪት", "ወይዘሪት", "ዶ/ር",
    # "my name is …": Arabic, Persian/Dari, Pashto, Sorani, Tigrinya
    "اسمي", "إسمي", "اسم من", "نام من", "زما نوم", "ناوم", "ስመይ", "ሽመይ",
)  # fmt: skip

#: Common words that can follow such a title without being a name
#: ("السيدة كانت لطيفة" – "the lady was kind"; "خانم پشت باجه" – "the lady at the counter").
_NOT_NAMES = frozenset(
    (
        # Arabic
        "كان", "كانت", "هو", "هي", "في", "من", "على", "عن", "مع", "الذي", "التي", "جدا", "لم",
        "لا", "قد", "كل", "و", "أو", "ثم", "لطيف", "لطيفة", "الموظف", "الموظفة", "هناك", "هنا",
        # Persian / Dari
        "پشت", "باجه", "بود", "خیلی", "که", "از", "به", "با", "در", "یا", "این", "آن", "مهربان",
        # Tigrinya
        "ነበረ", "ነበረት", "እዩ", "እያ", "ኣብ", "ምስ",
    )
)  # fmt: skip

#: Particles inside a name ("Herr Ali bin Rashid"; "al-Hassan" is one word).
_PARTICLES = frozenset(
    ("von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le",
     "al", "el", "bin", "ibn", "zu", "ter")
)  # fmt: skip

_TURKISH_TITLES = frozenset(("bey", "hanım", "hanim"))
_TURKISH_AFTER = re.compile(
    r"(?<!\w)(?P<name>[^\W\d_][\w'’-]*)(?P<gap>[ \t]+)(?i:bey|han[ıi]m)(?!\w)"
)


def _arabic_forms(titles: tuple[str, ...]) -> tuple[str, ...]:
    """Arabic titles with the prefixes written on them: و، ف، ب (and, so, with), ل (for)."""
    forms = list(titles)
    for title in titles:
        if title.startswith("ال"):
            forms += [p + title for p in ("و", "ف", "ب", "وب")]
            forms += [p + title[1:] for p in ("ل", "ول", "فل")]  # ل + الـ → لل
    return tuple(forms)


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_TITLE = re.compile(
    rf"(?<!\w)(?:(?P<cased>{_alternation(_CASED_TITLES)})"
    rf"|(?P<uncased>{_alternation(_arabic_forms(_UNCASED_TITLES))}))"
    r"(?!(?<=\w)\w)"
)
# letters plus combining marks (Arabic harakat) and the Persian zero-width non-joiner
_WORD = re.compile(
    r"[ \t\u00a0]+(?P<word>[^\W\d_][\w\u0300-\u036f\u064b-\u065f\u0670\u200c'’-]*\.?)"
)
MAX_NAME_WORDS = 3


def scrub(text: str) -> str:
    """``text`` with e-mail addresses, file numbers, phone numbers and names replaced.

    Passes repeat until nothing changes: a replaced number can expose a file keyword
    that was glued to it ("00000Az. 12" becomes "[…]Az. 12", then "[…]Az. […]").
    Every change removes letters or digits, so this ends.
    """
    while (scrubbed := _scrub_once(text)) != text:
        text = scrubbed
    return text


def _scrub_once(text: str) -> str:
    text = _EMAIL.sub(MARK, text)
    text = scrub_identifiers(text)
    text = _FILE_KEYWORD.sub(lambda m: m.group("head") + MARK, text)
    text = _NUMBER.sub(_number, text)
    text = _names_after_titles(text)
    return _TURKISH_AFTER.sub(_turkish, text)


def _digits(text: str) -> int:
    return sum(c.isdecimal() for c in text)


def _number(match: re.Match[str]) -> str:
    candidate = match.group()
    if _DATE.search(candidate) or _YEARS.fullmatch(candidate) or _HOURS.fullmatch(candidate):
        return candidate
    if _digits(candidate) >= MIN_DIGITS or _RUN.search(candidate):
        # keep a closing parenthesis that belongs to the sentence, not the number
        return MARK + (")" if candidate.endswith(")") and "(" not in candidate else "")
    return candidate


def _is_title(word: str) -> bool:
    match = _TITLE.fullmatch(word)
    return match is not None


def _names_after_titles(text: str) -> str:
    out: list[str] = []
    last = scanned = 0
    for title in _TITLE.finditer(text):
        if title.start() < max(last, scanned):
            continue  # part of a chain of titles already looked at
        start, end = _name_span(text, title.end(), cased=title.group("cased") is not None)
        if start == end:
            scanned = start
            continue
        out.append(text[last:start] + " " + MARK)
        last = end
    out.append(text[last:])
    return "".join(out)


def _name_span(text: str, pos: int, *, cased: bool) -> tuple[int, int]:
    """Where the name after a title begins and ends (an empty span if none follows).

    Further titles ("Frau Dr. Müller") belong to the kept part.
    """
    start = pos
    while (word := _WORD.match(text, start)) and _is_title(word.group("word")):
        start = word.end()
    if not cased:
        word = _WORD.match(text, start)
        if word is None or word.group("word") in _NOT_NAMES:
            return start, start
        return start, word.end()
    end, names = start, 0
    cursor = start
    while names < MAX_NAME_WORDS and (word := _WORD.match(text, cursor)):
        token = word.group("word")
        if token[0].isupper() and not _is_title(token):
            # an initial keeps its dot ("Herr M."), a sentence keeps its full stop
            dotted = token.endswith(".") and len(token) > 2
            end, names, cursor = word.end() - dotted, names + 1, word.end()
            if dotted:
                break
        elif token in _PARTICLES and names:
            cursor = word.end()
        else:
            break
    return (start, end) if names else (start, start)


def _turkish(match: re.Match[str]) -> str:
    name = match.group("name")
    if not name[0].isupper() or _is_title(name) or name.lower() in _TURKISH_TITLES:
        return match.group()
    return MARK + match.group()[len(name) :]
