from __future__ import annotations

import stat
from pathlib import Path

import pytest

from survey import create_app
from survey.config import defaults, from_environ
from survey.database.engine import DatabaseUnavailable, masked, normalise_url


def test_overrides_win_over_defaults(make_app):
    app = make_app(MAX_CONTENT_LENGTH=1234, SURVEY_DEFAULT_LOCALE="en")
    assert app.config["MAX_CONTENT_LENGTH"] == 1234
    assert app.config["SURVEY_DEFAULT_LOCALE"] == "en"
    assert app.testing


def test_environment_is_read_and_typed():
    current = defaults("/srv/instance")
    env = {
        "SURVEY_DATABASE_URL": "postgresql://u:p@db/survey",
        "SURVEY_SECRET_KEY": "k",
        "SURVEY_CHECK_DATABASE": "false",
        "MAX_CONTENT_LENGTH": "1",  # not ours: ignored
        "SURVEY_DEFAULT_LOCALE": "en",
    }
    assert from_environ(env, current) == {
        "SQLALCHEMY_DATABASE_URI": "postgresql://u:p@db/survey",
        "SECRET_KEY": "k",
        "SURVEY_CHECK_DATABASE": False,
        "SURVEY_DEFAULT_LOCALE": "en",
    }
    with pytest.raises(ValueError, match="boolean"):
        from_environ({"SURVEY_CHECK_DATABASE": "maybe"}, current)


def test_default_database_is_sqlite_in_instance_folder(tmp_path):
    assert (
        defaults(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/survey.sqlite3"
    )


def test_secret_key_generated_once_into_instance_folder(make_app, tmp_path):
    instance = tmp_path / "own-instance"
    first = make_app(SECRET_KEY=None, INSTANCE_PATH=str(instance))
    key_file = instance / "secret_key"
    assert len(first.config["SECRET_KEY"]) == 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    second = make_app(SECRET_KEY=None, INSTANCE_PATH=str(instance))
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]
    other = make_app(SECRET_KEY=None, INSTANCE_PATH=str(tmp_path / "other"))
    assert other.config["SECRET_KEY"] != first.config["SECRET_KEY"]


def test_postgres_urls_use_psycopg3():
    assert normalise_url("postgresql://a:b@h/d") == "postgresql+psycopg://a:b@h/d"
    assert normalise_url("postgres://h/d") == "postgresql+psycopg://h/d"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    assert masked("postgresql://user:hunter22@h/d") == "postgresql://user:***@h/d"


def test_unreachable_postgres_is_a_clear_error_with_masked_password(tmp_path):
    url = "postgresql://survey:hunter22@127.0.0.1:1/survey"
    with pytest.raises(DatabaseUnavailable) as info:
        create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path)}
        )
    message = str(info.value)
    assert "postgresql+psycopg://survey:***@127.0.0.1:1/survey" in message
    assert "hunter22" not in message
    assert "SURVEY_DATABASE_URL" in message
    assert "\n" not in message


def test_unreachable_sqlite_is_a_clear_error(tmp_path):
    url = f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"
    with pytest.raises(DatabaseUnavailable, match="unable to open database file"):
        create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path)}
        )


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_reports_database_down(tmp_path: Path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql://postgres@127.0.0.1:1/none",
            "SURVEY_CHECK_DATABASE": False,
            "SECRET_KEY": "x",
            "INSTANCE_PATH": str(tmp_path),
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "error"


def test_home_lists_enabled_sites(client, make_site):
    make_site("WI", "Wiesbaden")
    make_site("XX", "Geschlossen", enabled=False)
    page = client.get("/").get_data(as_text=True)
    assert "Wiesbaden" in page
    assert "Geschlossen" not in page
