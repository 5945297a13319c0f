"""How strong a new password must be: length, not the user's name, hard to guess.

Guessability is estimated by ``zxcvbn`` (dictionaries of common passwords,
names and words, keyboard patterns, sequences, repeats, dates). A password
must reach :data:`MIN_SCORE` on its 0–4 scale: ``password1234``,
``123456789012`` and twelve spaces score 0 or 1; a passphrase of several
words scores 4.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

from flask_babel import gettext as _
from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
#: zxcvbn's score: 3 is "safely unguessable" (about 10^8 guesses and more).
MIN_SCORE = 3
#: zxcvbn refuses longer input (its time grows with the length); what follows these
#: characters only adds strength.
ESTIMATED_CHARACTERS = 72
#: Parts of a name shorter than this are not looked for inside a password.
MIN_PERSONAL = 3


class Weakness(enum.Enum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    PERSONAL = "personal"
    GUESSABLE = "guessable"


#: For the command line and logs (the web shows :func:`message`).
ENGLISH = {
    Weakness.TOO_SHORT: f"the password needs at least {MIN_PASSWORD_LENGTH} characters",
    Weakness.TOO_LONG: f"the password has at most {MAX_PASSWORD_LENGTH} characters",
    Weakness.PERSONAL: "the password must not contain the user name or e-mail address",
    Weakness.GUESSABLE: (
        "the password is too easy to guess (a common password, word, pattern or "
        "sequence of digits); choose a longer passphrase of several words"
    ),
}


def personal_parts(names: Iterable[str]) -> list[str]:
    """The user name, and the pieces of an e-mail address (``anna.berg@amt.de``)."""
    parts: set[str] = set()
    for name in names:
        name = name.strip().lower()
        if not name:
            continue
        parts.add(name)
        parts.update(p for p in re.split(r"[@._+\-\s]+", name) if len(p) >= MIN_PERSONAL)
    return sorted(p for p in parts if len(p) >= MIN_PERSONAL)


def weakness(password: str, personal: Iterable[str] = ()) -> Weakness | None:
    """Why ``password`` may not be used, or None when it may."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return Weakness.TOO_SHORT
    if len(password) > MAX_PASSWORD_LENGTH:
        return Weakness.TOO_LONG
    parts = personal_parts(personal)
    lowered = password.lower()
    if any(part in lowered for part in parts):
        return Weakness.PERSONAL
    estimate = zxcvbn(password[:ESTIMATED_CHARACTERS], user_inputs=parts)
    if int(estimate["score"]) < MIN_SCORE:
        return Weakness.GUESSABLE
    return None


def message(reason: Weakness) -> str:
    """The reason in the language of the request."""
    if reason is Weakness.TOO_SHORT:
        return _("Mindestens %(n)s Zeichen.", n=MIN_PASSWORD_LENGTH)
    if reason is Weakness.TOO_LONG:
        return _("Höchstens %(n)s Zeichen.", n=MAX_PASSWORD_LENGTH)
    if reason is Weakness.PERSONAL:
        return _("Das Passwort darf den Benutzernamen oder die E-Mail-Adresse nicht enthalten.")
    return _(
        "Dieses Passwort ist zu leicht zu erraten (ein häufiges Passwort, Wort, Muster "
        "oder eine Zahlenfolge). Bitte wählen Sie eine längere Passphrase aus mehreren Wörtern."
    )
