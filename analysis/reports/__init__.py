"""PDF reports: data assembled from :mod:`analysis`, rendered with Jinja and WeasyPrint.

No Flask here: the caller hands in a SQLAlchemy engine and a ``gettext`` callable
(German msgids), so the same code runs from the CLI, a worker or a notebook.
"""
