"""Responses: storing answers exactly once, and the tallies dashboards read."""
