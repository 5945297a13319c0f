"""Time-based one-time passwords (pyotp) and the enrolment QR code (segno).

The QR code is made here and served inline as a ``data:`` URI: no request to
any third party ever carries the secret.
"""

from __future__ import annotations

import hmac
import io
from datetime import UTC, datetime

import pyotp
import segno

ISSUER = "Willkommensbehörde Feedback"

#: Codes of the previous and the next 30-second step are accepted too (clock drift).
VALID_WINDOW = 1


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_data_uri(secret: str, username: str) -> str:
    """An SVG QR code of the provisioning URI, as a ``data:`` URI for an ``<img>``."""
    qr = segno.make(provisioning_uri(secret, username), error="m")
    return qr.svg_data_uri(scale=5, border=4, dark="#000", light="#fff")


def terminal_qr(secret: str, username: str) -> str:
    """The QR code as text, for enrolment on the command line."""
    out = io.StringIO()
    segno.make(provisioning_uri(secret, username), error="m").terminal(out=out, compact=True)
    return out.getvalue()


def matching_step(secret: str, code: str, at: datetime | None = None) -> int | None:
    """The 30-second step whose code ``code`` is (within the window), or None."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(at or datetime.now(UTC))
    for step in range(now - VALID_WINDOW, now + VALID_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
