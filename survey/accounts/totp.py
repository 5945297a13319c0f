"""Time-based one-time passwords (pyotp) and the enrolment QR code (segno).

The QR code is made here and served inline as a ``data:`` URI: no request to
any third party ever carries the secret.
"""

from __future__ import annotations

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


def verify(secret: str, code: str) -> bool:
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return False
    return pyotp.TOTP(secret).verify(code, valid_window=VALID_WINDOW)


def current_code(secret: str) -> str:
    """The code an authenticator app shows now (used by tests and the CLI check)."""
    return pyotp.TOTP(secret).now()
