"""Kiosk: paired tablets at the counter."""
