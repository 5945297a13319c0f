"""Languages: Flask-Babel set-up and the choice of locale for each request.

Extended by the languages feature (18 locales, right-to-left, fallback to German).
"""

from __future__ import annotations

from flask import Flask
from flask_babel import Babel

from survey import ROOT

babel = Babel()


def select_locale() -> str:
    from flask import current_app

    return current_app.config["SURVEY_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "de")
    babel.init_app(app, locale_selector=select_locale)
