"""The dashboards' Content-Security-Policy for plotly.js.

plotly.js itself is a static file: the partial "cartesian" bundle vendored in
``survey/static/dashboard/vendor`` (scripts/vendor_plotly.py), served by WhiteNoise.
"""

from __future__ import annotations

from flask import Response

from survey.security.headers import CONTENT_SECURITY_POLICY

#: plotly.js's own rules come from a stylesheet (static/dashboard/plotly.css,
#: linked as ``#plotly.js-style-global.no-inline-styles`` so plotly injects no
#: <style>); the few style attributes it still sets while drawing are fixed
#: strings, allowed by their hashes only ('unsafe-hashes' covers attributes, not
#: elements). No 'unsafe-inline': an injected style attribute stays inert.
PLOTLY_STYLE_HASHES = (
    "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",  # style="" (colour bar fills)
    "sha256-V2sIX92Uh6ZaGSFTKMHghsB85b9toJtmazgG09AI2uk=",  # the heatmap image
    "sha256-AR/cKIZjWPcPmBUPDA6oti9XBiTbJvz0Cro2J1VzzS8=",  # found drawing the overview
)
DASHBOARD_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'",
    "style-src 'self' 'unsafe-hashes' " + " ".join(f"'{h}'" for h in PLOTLY_STYLE_HASHES),
)


def with_plotly_styles(response: Response) -> Response:
    """The app's CSP, with inline styles allowed for plotly.js."""
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = DASHBOARD_POLICY
    return response
