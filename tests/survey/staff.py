"""Staff users and signing in, for the accounts, access, admin and security tests.

Fixtures are imported by the conftest of each of those test folders.
"""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from survey.accounts.models import User
from survey.database import db
from survey.sites.models import Site

PASSWORD = "correct horse battery staple"


class IsolatedClient(FlaskClient):
    """Each request in its own application context, as in production.

    The ``app`` fixture keeps an application context open for the test body;
    a request would otherwise reuse it, and with it ``flask.g``, where
    Flask-Login caches the signed-in user and Flask-WTF the CSRF token. Two
    clients would then share one user, and a test could pass for that reason.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture(autouse=True)
def isolated_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Flask, "test_client_class", IsolatedClient)


@functools.cache
def password_hash() -> str:
    """Hashed once per run: scrypt is slow on purpose, and tests sign in often."""
    return generate_password_hash(PASSWORD)


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    def factory(
        username: str,
        role: str,
        sites: Sequence[Site] = (),
        *,
        totp: bool = False,
        active: bool = True,
    ) -> User:
        user = User(
            username=username,
            password_hash=password_hash(),
            role=role,
            sites=list(sites),
            active=active,
            totp_secret=pyotp.random_base32() if totp else None,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return factory


def csrf_token(client: FlaskClient, path: str) -> str:
    """The CSRF token of the form on the page at ``path``."""
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(
    client: FlaskClient, path: str, data: dict[str, Any], *, page: str | None = None, **kwargs: Any
) -> Any:
    """POST ``data`` with the CSRF token of the form on ``page`` (default: ``path``)."""
    token = ""
    if client.application.config.get("WTF_CSRF_ENABLED", True):
        token = csrf_token(client, page or path)
    return client.post(path, data={"csrf_token": token, **data}, **kwargs)


def sign_in(client: FlaskClient, user: User, password: str = PASSWORD) -> Any:
    """Sign in through the real forms, with the second factor when the user has one."""
    response = post_form(client, "/login", {"username": user.username, "password": password})
    if user.totp_secret and response.status_code == 302 and "/login/totp" in response.location:
        code = pyotp.TOTP(user.totp_secret).now()
        response = post_form(client, "/login/totp", {"code": code})
    return response


def sign_out(client: FlaskClient) -> Any:
    return client.post("/logout", data={"csrf_token": csrf_token(client, "/account")})
