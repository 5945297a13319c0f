"""Static files: built once into hashed, pre-compressed copies, served by WhiteNoise.

``python -m survey.assets build DIR`` (``./dev setup``; each deploy) writes every file of
``survey/static`` into ``DIR`` twice, under its own name and under a name with its
content hash (``dashboard/dashboard.3f2a9c1b7d4e.js``), each with ``.br`` and ``.gz``
beside it, and a ``manifest.json`` mapping the one to the other. With
``SURVEY_STATIC_BUILD=DIR`` the app serves that folder, ``url_for('static', ...)``
gives the hashed names, and those are cached for a year (``immutable``): a changed file
has a new name. Without it (tests, a quick ``flask run``) the source folder is served
as it is, uncompressed and revalidated on every use.
"""

from __future__ import annotations

from .serving import init_app

__all__ = ["init_app"]
