"""What :mod:`.scrub` removes besides e-mail, phone and file numbers and titled names:
identity-document numbers, dates of birth and street addresses (issue 17).

- *Document numbers*: after a keyword (passport, identity card, residence-permit
  card "eAT", document number) in German, English, French, Spanish, Turkish,
  Russian, Ukrainian, Polish and Romanian, the code that follows; and without a
  keyword, the shapes of German passport, identity-card and eAT numbers: nine
  capital letters and digits, the first a letter, with at least three digits
  (``C01X00T47``, ``L4H8CRJZ7``, ``Y01234567``).
- *Dates of birth*: a date after "geboren (am)", "geb.", "born (on)",
  "date of birth", "DOB", "né(e) le", "nacido/nacida el", "doğum tarihi",
  "дата рождения", "народився/народилася", "urodzony/urodzona", "născut(ă)";
  in numbers (``12.03.1990``, ``1990-03-12``) or with a month name
  (``12. März 1990``). Other dates (of an appointment) stay.
- *Street addresses*: a street name with its house number ("Goethestraße 12",
  "Berliner Str. 5a", "Am Weg 3" does not count, "12 Baker Street", "ul. Długa 5",
  "rue de la Paix 5", "Atatürk Caddesi No: 5", "улица Ленина 5"); room and counter
  numbers ("Raum 12", "Schalter 3") are not streets and stay.
"""

from __future__ import annotations

import re

MARK = "[…]"

_DOCUMENT_KEYWORD = re.compile(
    r"(?<!\w)(?P<head>(?i:"
    r"reisepass(?:nummer|-?nr)?|pass(?:nummer|-?nr)|passnr|personalausweis(?:nummer|-?nr)?"
    r"|ausweis(?:nummer|-?nr)?|kartennummer|dokumentennummer|seriennummer"
    r"|aufenthaltstitel(?:nummer|-?nr)?|aufenthaltserlaubnis|eAT|AT-?Karte"
    r"|passport(?:\s+(?:no|number))?|id\s+card(?:\s+(?:no|number))?"
    r"|residence\s+(?:permit|card)(?:\s+(?:card|no|number))*|document\s+(?:no|number)"
    r"|num[ée]ro\s+de\s+passeport|passeport|titre\s+de\s+s[ée]jour"
    r"|n[úu]mero\s+de\s+pasaporte|pasaporte|pasaport(?:\s+numaras[ıi])?|kimlik(?:\s+no)?"
    r"|oturma\s+izni|paszport(?:u)?|numer\s+paszportu|pa[sș]aport(?:ul)?"
    r"|номер\s+паспорта|паспорт(?:а)?|посвідка(?:\s+на\s+проживання)?"
    r")(?![^\W\d_])\.?[ \t]*(?:[:#]|(?i:nr|no|n°|№)\.?)?[ \t]*)"
    # a series and a number ("1234 567890") are one code
    r"(?P<code>(?=[\w/.\-]*\d)\w[\w/.\-]*\w(?:[ \t]\d{3,}(?!\w))?)"
)
#: the shape of a German passport, identity-card or eAT number, without a keyword
_DOCUMENT_SHAPE = re.compile(r"(?<![\w-])(?=(?:[A-Z]*\d){3})[A-Z][A-Z0-9]{8}(?![\w-])")

_MONTHS = (
    r"jan(?:uar|uary)?|feb(?:ruar|ruary)?|m[äa]r(?:z|ch)?|apr(?:il)?|mai|may|jun[ie]?"
    r"|jul[iy]?|aug(?:ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?"
    r"|de[zc](?:ember)?|janvier|février|mars|avril|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|octubre"
    r"|noviembre|diciembre|ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül"
    r"|ekim|kasım|aralık"
)
_BIRTH_KEYWORD = (
    r"(?i:geboren(?:\s+am)?|geb\.|geburtsdatum|born(?:\s+on)?|date\s+of\s+birth|dob"
    r"|birthday|n[ée]e?\s+le|date\s+de\s+naissance|nacid[oa]\s+el|fecha\s+de\s+nacimiento"
    r"|do[ğg]um\s+tarihi(?:m)?|do[ğg]umlu|дата\s+рождения|родил(?:ся|ась)"
    r"|народил(?:ся|ася)|дата\s+народження|urodzon[ya](?:\s+dnia)?|data\s+urodzenia"
    r"|n[ăa]scut[ăa]?(?:\s+(?:la|pe))?|data\s+na[șs]terii)"
)
_DATE_OF_BIRTH = re.compile(
    rf"(?<!\w)(?P<head>{_BIRTH_KEYWORD}[ \t:]*)"
    rf"(?P<date>\d{{1,2}}[./-]\s?\d{{1,2}}[./-]\s?\d{{2,4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|\d{{1,2}}\.?\s+(?i:{_MONTHS})\.?\s+\d{{4}}|(?:19|20)\d\d)"
)

_STREET_SUFFIX = r"(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee)"
_STREET_WORD = r"(?:Straße|Strasse|Str\.|Allee|Gasse|Platz|Ring|Damm)"
_HOUSE = r"\d{1,4}(?:\s?[a-zA-Z](?![\w]))?"
_STREET = re.compile(
    r"(?<!\w)(?:"
    # German: "Goethestraße 12", "Berliner Straße 12a", "Am Kirchweg 3"
    rf"[A-ZÄÖÜ][\wäöüß-]*{_STREET_SUFFIX}\s+{_HOUSE}"
    rf"|[A-ZÄÖÜ][\wäöüß-]*(?:er|e)\s+{_STREET_WORD}\s+{_HOUSE}"
    # English: "12 Baker Street"
    r"|\d{1,4}\s+(?:[A-Z][\w'-]*\s+){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Way)(?!\w)"
    # French, Spanish, Polish, Romanian, Turkish, Russian/Ukrainian
    rf"|(?:rue|avenue|boulevard|calle|avenida|ul\.|ulica|aleja|strada|str\.|bulevardul)"
    rf"\s+(?:[\w'’-]+\s+){{1,4}}?(?:nr\.?\s*)?{_HOUSE}(?![\w.])"
    r"|\d{1,4},?\s+(?:rue|avenue|boulevard)\s+(?:[\w'’-]+\s*){1,4}"
    rf"|[A-ZÇĞİÖŞÜ][\wçğıöşü-]*\s+(?:Caddesi|Cad\.|Sokak|Sokağı|Sok\.|Bulvarı)"
    rf"\s*(?:No\s*:?\s*)?{_HOUSE}"
    rf"|(?:улица|ул\.|вулиця|вул\.|проспект|просп\.)\s+[\wА-Яа-яІіЇїЄє-]+,?\s+(?:д\.\s*)?{_HOUSE}"
    r")"
)


def scrub_identifiers(text: str) -> str:
    """``text`` with document numbers, dates of birth and street addresses replaced."""
    text = _DOCUMENT_KEYWORD.sub(lambda m: m.group("head") + MARK, text)
    text = _DOCUMENT_SHAPE.sub(MARK, text)
    text = _DATE_OF_BIRTH.sub(lambda m: m.group("head") + MARK, text)
    return _STREET.sub(MARK, text)
