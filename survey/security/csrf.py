"""Why Flask-WTF refused a POST: the token was missing, had expired, or did not match.

Flask-WTF puts its reason in ``CSRFError.description`` ("The CSRF token is missing.",
"The CSRF session token is missing.", "The CSRF token has expired.", "The CSRF token is
invalid.", "The CSRF tokens do not match."). A person is told which of the three it was,
not "the page was open too long" for a form that never carried a token.
"""

from __future__ import annotations

from enum import Enum

from flask_wtf.csrf import CSRFError


class Refusal(Enum):
    MISSING = "missing"  # no token in the form, or no session cookie to check it against
    EXPIRED = "expired"  # the token's time limit passed
    MISMATCH = "mismatch"  # a token from another session or a damaged one


def refusal(error: CSRFError) -> Refusal:
    reason = (error.description or "").lower()
    if "expired" in reason:
        return Refusal.EXPIRED
    if "missing" in reason:
        return Refusal.MISSING
    return Refusal.MISMATCH
