"""The database: one Flask-SQLAlchemy extension over a plain declarative base."""

from __future__ import annotations

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

from .base import Base
from .engine import check_reachable, configure_engine, engine_options, normalise_url
from .errors import init_errors

db = SQLAlchemy(model_class=Base)


def init_app(app: Flask) -> None:
    url = normalise_url(app.config["SQLALCHEMY_DATABASE_URI"])
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    options = engine_options(url, app.config["SURVEY_DB_POOL_SIZE"])
    options.update(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
        if app.config["SURVEY_CHECK_DATABASE"]:
            check_reachable(db.engine)
    init_errors(app)
    from .cli import db_cli

    app.cli.add_command(db_cli)
