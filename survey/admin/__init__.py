"""Administration pages: sites, users and roles, devices, audit log, questionnaires."""

from __future__ import annotations

from flask import Blueprint


def build_blueprint() -> Blueprint:
    """The admin blueprint with every view module's routes attached."""
    from . import audit_views, presentation_views, user_views, views  # noqa: F401 - routes
    from .blueprint import bp

    return bp
