from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from survey import create_app
from survey.database import db, migrations
from survey.models import metadata
from survey.questionnaires.definition import builtin
from survey.questionnaires.operations import find, publish_builtin
from survey.responses.operations import ItemIndex, NewResponse, record
from survey.sites.models import Site
from survey.sites.operations import add_site

from .databases import BACKEND, fresh_database


def pytest_report_header() -> str:
    return f"database backend: {BACKEND}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if BACKEND != "postgresql":
        skip = pytest.mark.skip(reason="PostgreSQL only (set SURVEY_TEST_DB=postgresql)")
        for item in items:
            if "postgres_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def empty_engine(tmp_path) -> Iterator[Engine]:
    """An engine on a new, empty database (no schema): for migration tests."""
    from survey.database.engine import configure_engine, normalise_url

    with fresh_database(tmp_path) as url:
        engine = create_engine(normalise_url(url))
        configure_engine(engine)
        yield engine
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs() -> None:
    """Compile the gettext catalogs (.mo files are build output, never committed)."""
    from survey import ROOT
    from survey.i18n.workflow import compile_catalogs

    compile_catalogs(ROOT / "translations")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated database for the whole run; tests are isolated by emptying it."""
    with fresh_database(tmp_path_factory.mktemp("db")) as url:
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
        from survey.database.engine import configure_engine

        configure_engine(engine)
        migrations.upgrade(engine)
        engine.dispose()
        yield url


@pytest.fixture
def make_app(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    made: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        config = {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            # background jobs run in the request (Huey's immediate mode); a live
            # server that must show the queue passes SURVEY_JOBS_CONSUMER="thread"
            "SURVEY_JOBS_CONSUMER": "immediate",
            **overrides,
        }
        made.append(create_app(config))
        return made[-1]

    yield factory
    from survey.reports.queue import shutdown

    for app in made:
        shutdown(app)  # an in-process job consumer, if one was started
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Iterator[Flask]:
    app = make_app()
    with app.app_context():
        yield app
        db.session.remove()
        _empty(db.engine)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def engine(app: Flask) -> Engine:
    return db.engine


def _empty(engine: Engine) -> None:
    """Delete every row, then publish the built-in questionnaires again."""
    tables = [t.name for t in reversed(metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))
    with Session(engine) as session, session.begin():
        publish_builtin(session)


@pytest.fixture
def core(app: Flask) -> ItemIndex:
    questionnaire = find(db.session, "core@1")
    assert questionnaire is not None
    with db.engine.connect() as conn:
        return ItemIndex.load(conn, questionnaire.id)


@pytest.fixture
def core_definition():
    return next(d for d in builtin() if d.key == "core@1")


@pytest.fixture
def make_site(app: Flask) -> Callable[..., Site]:
    counter = iter(range(1, 10_000))

    def factory(code: str | None = None, name: str = "Teststadt", **settings: Any) -> Site:
        site = add_site(db.session, code or f"T{next(counter)}", name, **settings)
        db.session.commit()
        return site

    return factory


@pytest.fixture
def make_response(app: Flask, core: ItemIndex) -> Callable[..., bool]:
    """Store a response through the real write path; returns whether it was new."""

    def factory(
        site: Site, answers: dict[str, tuple[int, ...]] | None = None, **fields: Any
    ) -> bool:
        response = NewResponse(
            id=fields.pop("id", None) or uuid.uuid4(),
            site_id=site.id,
            channel=fields.pop("channel", "online"),
            locale=fields.pop("locale", "de"),
            day=fields.pop("day", date(2016, 3, 14)),
            answers=answers if answers is not None else {"overall": (4,), "topic": (1,)},
            **fields,
        )
        with db.engine.begin() as conn:
            return record(conn, response, core)

    return factory


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium per test process (Debian's, never a downloaded one).

    Playwright's sync API refuses to start while another instance runs in the same
    thread, so every browser test shares this one; each test opens its own context.
    """
    from tests.survey.kiosk.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed (./dev installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page_at(chromium) -> Iterator[Callable[[int, int], Any]]:
    """``page_at(width, height)``: a page in a new browser context with that viewport;
    the contexts are closed after the test."""
    contexts: list[Any] = []

    def open_page(width: int, height: int) -> Any:
        contexts.append(chromium.new_context(viewport={"width": width, "height": height}))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()
