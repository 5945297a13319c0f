"""Dashboards: the office lead's view of a site, the provider's overview of all sites."""

from __future__ import annotations

from .views import bp

__all__ = ["bp"]
