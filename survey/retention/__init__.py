"""Retention: raw comments are deleted after each site's period; a site's data on request."""
