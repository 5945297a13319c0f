"""After signing in, ``next`` may only lead to a path on this site (issue 19)."""

from __future__ import annotations

import pyotp
import pytest

from survey.accounts.redirects import local_path
from tests.survey.staff import PASSWORD, csrf_token, post_form

EVIL = [
    "%2F%2F%2F%2Fevil.example",
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "%5C%5Cevil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "%2F%252Fevil.example",
    "/%2F%2Fevil.example",
]


@pytest.mark.parametrize("target", ["//x", "///x", "\\\\x", "/\\x", "http://x", "x", "", None])
def test_only_paths_on_this_site(target):
    assert local_path(target) is None


def test_local_paths_pass():
    assert local_path("/admin/sites?page=2") == "/admin/sites?page=2"
    assert local_path("/dashboard/WI") == "/dashboard/WI"


@pytest.mark.parametrize("query", EVIL)
def test_password_step_refuses_other_sites(client, make_site, make_user, query):
    make_user("anna", "lead", [make_site("WI")])
    token = csrf_token(client, "/login")
    response = client.post(
        f"/login?next={query}",
        data={"csrf_token": token, "username": "anna", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.location == "/start", response.location


@pytest.mark.parametrize("query", EVIL)
def test_second_factor_step_refuses_other_sites(client, make_user, query):
    admin = make_user("root", "admin", totp=True)
    token = csrf_token(client, "/login")
    step_one = client.post(
        f"/login?next={query}",
        data={"csrf_token": token, "username": "root", "password": PASSWORD},
    )
    assert step_one.location == "/login/totp"
    done = post_form(client, "/login/totp", {"code": pyotp.TOTP(admin.totp_secret).now()})
    assert done.status_code == 302
    assert done.location == "/start", done.location


def test_a_local_next_is_kept_through_the_second_factor(client, make_user):
    admin = make_user("root", "admin", totp=True)
    token = csrf_token(client, "/login")
    client.post(
        "/login?next=/admin/sites",
        data={"csrf_token": token, "username": "root", "password": PASSWORD},
    )
    done = post_form(client, "/login/totp", {"code": pyotp.TOTP(admin.totp_secret).now()})
    assert done.location == "/admin/sites"
