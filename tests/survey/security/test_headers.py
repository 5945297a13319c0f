from __future__ import annotations

import re

import pytest
from flask import request

from survey.access import public
from survey.security.headers import CONTENT_SECURITY_POLICY
from tests.survey.staff import sign_in

PAGES = ["/", "/login", "/healthz", "/admin/"]
STAFF_PAGES = ["/", "/login", "/admin/", "/admin/sites", "/admin/users", "/admin/audit"]


@pytest.mark.parametrize("path", PAGES)
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert not re.search(r"https?:|\*", csp)  # no third-party host
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers  # plain HTTP here


def test_staff_pages_are_not_cached(client, make_site, make_user):
    sign_in(client, make_user("anna", "lead", [make_site("WI")]))
    assert client.get("/admin/").headers["Cache-Control"] == "no-store"
    assert client.get("/login").headers["Cache-Control"] == "no-store"


def test_pages_need_no_inline_script_or_style(client, make_user):
    """The CSP forbids inline code; a page relying on it would break silently."""
    sign_in(client, make_user("root", "admin", totp=True))
    for path in STAFF_PAGES:
        page = client.get(path).get_data(as_text=True)
        assert "<script" not in page, path
        assert "<style" not in page and " style=" not in page, path
        assert not re.search(r"\son[a-z]+=", page), path
        assert not re.search(r"(src|href)=\"(https?:)?//", page), path


def test_session_cookie_flags_over_plain_http(client, make_site, make_user):
    response = sign_in(client, make_user("anna", "lead", [make_site("WI")]))
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_https_marks_cookies_secure_and_sends_hsts(make_app):
    client = make_app(SURVEY_HTTPS=True).test_client()
    response = client.get("/login", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def _whoami() -> str:
    return f"{request.remote_addr} {request.scheme}"


FORWARDED = {"X-Forwarded-For": "198.51.100.1, 203.0.113.9", "X-Forwarded-Proto": "https"}


def test_proxy_fix_trusts_the_configured_number_of_proxies(make_app):
    app = make_app(SURVEY_PROXY_FIX_X_FOR=1, SURVEY_PROXY_FIX_X_PROTO=1)
    app.add_url_rule("/whoami", "whoami", public(_whoami))
    answer = app.test_client().get("/whoami", headers=FORWARDED).get_data(as_text=True)
    assert answer == "203.0.113.9 https"


def test_proxy_headers_are_ignored_without_proxy_fix(make_app):
    app = make_app()
    app.add_url_rule("/whoami", "whoami", public(_whoami))
    answer = app.test_client().get("/whoami", headers=FORWARDED).get_data(as_text=True)
    assert answer == "127.0.0.1 http"
