"""The scrubber on document numbers, dates of birth, addresses and names without a
title (issue 17): what must go, and ordinary text that must stay."""

from __future__ import annotations

import pytest

from survey.responses.scrub import MARK, scrub

M = MARK

REMOVED = [
    # passport, identity card and residence-permit card (eAT) numbers
    ("Meine Passnummer ist C01X00T47.", f"Meine Passnummer ist {M}."),
    ("Reisepass: C01X00T47", f"Reisepass: {M}"),
    ("eAT Y01234567 verloren", f"eAT {M} verloren"),
    ("Kartennummer L4H8CRJZ7 bitte prüfen", f"Kartennummer {M} bitte prüfen"),
    ("meine Karte T22000129 ist abgelaufen", f"meine Karte {M} ist abgelaufen"),
    ("passport no. N1234567", f"passport no. {M}"),
    ("numéro de passeport 12AB34567", f"numéro de passeport {M}"),
    ("pasaport numarası U12345678", f"pasaport numarası {M}"),
    ("номер паспорта 1234 567890", f"номер паспорта {M}"),
    # dates of birth
    ("geboren am 12.03.1990 in Damaskus", f"geboren am {M} in Damaskus"),
    ("geb. 1.2.1985", f"geb. {M}"),
    ("born on 3 March 1990", f"born on {M}"),
    ("date of birth: 1990-03-12", f"date of birth: {M}"),
    ("doğum tarihi 05.06.1988", f"doğum tarihi {M}"),
    ("дата рождения 12.03.1990", f"дата рождения {M}"),
    ("née le 4 juillet 1979", f"née le {M}"),
    # street addresses
    ("Ich wohne in der Goethestraße 12, 65185 Wiesbaden", f"Ich wohne in der {M}, {M} Wiesbaden"),
    ("Berliner Str. 5a, bitte Post dorthin", f"{M}, bitte Post dorthin"),
    ("I live at 12 Baker Street now", f"I live at {M} now"),
    ("mieszkam ul. Długa 5", f"mieszkam {M}"),
    ("Atatürk Caddesi No: 5", M),
    ("живу улица Ленина 5", f"живу {M}"),
    # names without a title
    ("Sachbearbeiterin Weber war super", f"Sachbearbeiterin {M} war super"),
    ("mein Name ist Ahmad Karimi", f"mein Name ist {M}"),
    ("My name is John Smith.", f"My name is {M}."),
    ("Меня зовут Иван Петров", f"Меня зовут {M}"),
    ("Je m'appelle Marie Dupont", f"Je m'appelle {M}"),
    ("nazywam się Anna Nowak", f"nazywam się {M}"),
    ("benim adım Ayşe", f"benim adım {M}"),
    ("Magacaygu waa Faadumo", f"Magacaygu waa {M}"),
    ("اسمي أحمد وأنا من سوريا", f"اسمي {M} وأنا من سوريا"),
    ("نام من مریم است", f"نام من {M} است"),
    ("ስመይ ሰላም እዩ", f"ስመይ {M} እዩ"),
]

KEPT = [
    "Raum 12, Schalter 3, 20 Minuten gewartet",
    "Termin am 12.03.2016 um 10.30 Uhr",
    "Ich bin seit 1990 in Deutschland.",
    "Die Mitarbeiterin war nett",
    "Der Sachbearbeiter war nett, die Dolmetscherin auch.",
    "Ich habe 2 Stunden am Platz 3 gewartet",
    "auf dem Weg 2 Stunden im Stau",
    "COVID19 Regeln waren klar",
    "Zimmer 204 ist schwer zu finden, Etage 3",
    "Mein Pass ist abgelaufen, ich brauche einen neuen Termin.",
    "The officer was rude.",
    "My name is on the list but nobody called me.",
    "I waited 45 minutes at counter 7.",
    "Le passeport est prêt après 6 semaines.",
    "Kimlik kartım hazır değil, 3 hafta bekledim.",
    "Паспорт готов через 2 недели.",
    "Formular A1 und A2 fehlen",
    "Die Straße vor dem Amt ist laut.",
]


@pytest.mark.parametrize(("text", "expected"), REMOVED)
def test_identifiers_and_untitled_names_are_removed(text, expected):
    assert scrub(text) == expected
    assert scrub(expected) == expected


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_words_and_numbers_stay(text):
    assert scrub(text) == text
