"""Customer-satisfaction surveys for immigration offices."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from . import config as settings
from .security.files import private_dir

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``SURVEY_*`` variables, then ``config``.

    ``config`` may also carry ``INSTANCE_PATH`` (where the SQLite file and the
    generated secret key live).
    """
    overrides = dict(config or {})
    instance_path = overrides.pop("INSTANCE_PATH", None) or os.environ.get("SURVEY_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=str(instance_path) if instance_path else None,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
    )
    private_dir(Path(app.instance_path))
    app.config.from_mapping(settings.defaults(app.instance_path))
    app.config.update(settings.from_environ(os.environ, app.config))
    app.config.update(overrides)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = settings.load_or_create_secret_key(app.instance_path)

    from . import access, accounts, assets, database, i18n, security

    assets.init_app(app)  # first: a missing static build fails before any connection
    database.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    accounts.init_app(app)
    access.init_app(app)
    _register(app)
    return app


def _register(app: Flask) -> None:
    from .accounts.cli import users_cli
    from .accounts.views import bp as accounts_bp
    from .admin import build_blueprint as admin_blueprint
    from .alerts.cli import alerts_cli
    from .alerts.views import bp as alerts_bp
    from .audio.views import bp as audio_bp
    from .dashboard import bp as dashboard_bp
    from .demo.cli import demo_command
    from .effects.views import bp as effects_bp
    from .exports.views import bp as exports_bp
    from .form.cli import invitations_cli, poster_command
    from .form.staff_views import bp as form_staff_bp
    from .form.views import bp as form_bp
    from .health.views import bp as health_bp
    from .home.views import bp as home_bp
    from .kiosk.api import bp as kiosk_api_bp
    from .kiosk.cli import kiosk_cli
    from .kiosk.views import bp as kiosk_bp
    from .measures.cli import measures_cli
    from .measures.effects_cli import effects_command
    from .measures.views import bp as measures_bp
    from .questionnaires.cli import questionnaires_cli
    from .reports.cli import report_cli
    from .reports.views import bp as reports_bp
    from .responses.cli import responses_cli
    from .results.cli import analysis_cli
    from .retention.cli import retention_cli
    from .sites.cli import sites_cli
    from .start import bp as start_bp

    app.register_blueprint(health_bp)
    app.register_blueprint(home_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(start_bp)
    app.register_blueprint(admin_blueprint())
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(form_bp)
    app.register_blueprint(audio_bp)
    app.register_blueprint(form_staff_bp)
    app.register_blueprint(kiosk_bp)
    app.register_blueprint(kiosk_api_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(measures_bp)
    app.register_blueprint(effects_bp)
    app.register_blueprint(alerts_bp)
    app.register_blueprint(exports_bp)
    app.cli.add_command(sites_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(retention_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(questionnaires_cli)
    app.cli.add_command(kiosk_cli)
    analysis_cli.add_command(effects_command)
    app.cli.add_command(analysis_cli)
    app.cli.add_command(responses_cli)
    app.cli.add_command(report_cli)
    app.cli.add_command(invitations_cli)
    app.cli.add_command(poster_command)
    app.cli.add_command(measures_cli)
    app.cli.add_command(alerts_cli)
