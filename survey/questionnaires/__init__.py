"""Questionnaires: versioned definitions, their items, and loading them."""
