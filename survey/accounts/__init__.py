"""Accounts: staff users, their roles and the sites they may see; sign-in."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from .session import init_app as init_session

    init_session(app)
