"""Security headers on every response: CSP, framing, referrer, MIME sniffing, caching."""

from __future__ import annotations

from flask import Flask, Response, request

#: No inline scripts or styles, no third-party hosts. ``data:`` images only for
#: the TOTP QR code, which the app renders itself (segno).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}

#: Pages of signed-in staff, and the reports and exports they download (PDFs
#: with comments, raw response files), are never kept in any cache, nor
#: validated against one (no ETag, no Last-Modified).
PRIVATE_PREFIXES = ("/admin", "/account", "/login", "/reports", "/exports")


HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def init_headers(app: Flask) -> None:
    pairs = [*HEADERS.items(), *([HSTS] if app.config.get("SURVEY_HTTPS", False) else [])]
    defaults = [(name.lower(), (name, value)) for name, value in pairs]

    @app.after_request
    def _security_headers(response: Response) -> Response:
        # One pass over the headers a view set (the kiosk's and the dashboard's
        # own CSP win), instead of one search per default.
        headers = response.headers
        present = {name.lower() for name, _ in headers.items()}
        headers.extend([pair for lower, pair in defaults if lower not in present])
        if request.path.startswith(PRIVATE_PREFIXES):
            headers["Cache-Control"] = "no-store"
            headers.pop("ETag", None)
            headers.pop("Last-Modified", None)
        return response
