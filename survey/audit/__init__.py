"""Audit: who did what and when. Never holds respondents' data."""
