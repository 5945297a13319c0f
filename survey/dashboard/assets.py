"""The dashboards' Content-Security-Policy for plotly.js.

plotly.js itself is a static file: the partial "cartesian" bundle vendored in
``survey/static/dashboard/vendor`` (scripts/vendor_plotly.py), served by WhiteNoise.
"""

from __future__ import annotations

from flask import Response

from survey.security.headers import CONTENT_SECURITY_POLICY

#: plotly.js sets style elements and attributes while it draws: on the dashboard
#: pages (only) styles may be inline. Scripts stay 'self' only, data is JSON.
DASHBOARD_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


def with_plotly_styles(response: Response) -> Response:
    """The app's CSP, with inline styles allowed for plotly.js."""
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = DASHBOARD_POLICY
    return response
