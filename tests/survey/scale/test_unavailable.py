"""A database that refuses writes: a clear 503, nothing half-written, the retry succeeds.

Real refusals from the real databases: PostgreSQL with
``default_transaction_read_only`` (the setting a read-only replica or an
operator's emergency switch gives) and a trigger raising SQLSTATE 53100
``disk_full``; SQLite with ``PRAGMA query_only`` and a ``max_page_count`` that
the file may not grow past (what a full disk does to it).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.exc import DBAPIError

from survey.database import db
from survey.database.errors import unavailable_reason
from survey.database.types import utcnow
from survey.kiosk.pairing import create_code, redeem
from survey.responses.models import Answer, Comment, Response
from survey.responses.tallies import ResponseTally
from tests.databases import _admin_connect
from tests.survey.responses.checks import assert_tallies_match_recount

MESSAGE_DE = "Der Dienst ist gerade gestört. Es wurde nichts gespeichert."


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Iterator[Flask]:
    from tests.conftest import _empty

    app = make_app(WTF_CSRF_ENABLED=False)
    with app.app_context():
        yield app
        db.session.remove()
        _empty(db.engine)


@pytest.fixture
def token(make_site) -> str:
    site = make_site("WI", "Wiesbaden", locales=["de", "en"], kiosk_min_interval_seconds=0)
    issued = create_code(db.session, site, utcnow(), "Schalter 1")
    paired = redeem(db.session, issued.code, utcnow())
    db.session.commit()
    return paired.token


def fresh_connections(engine: Engine) -> None:
    """Give back the session's connection and close the pool: new settings apply."""
    db.session.remove()
    engine.dispose()


@contextmanager
def on_connect(engine: Engine, *statements: str) -> Iterator[None]:
    """Run ``statements`` on every new connection of the app's engine (SQLite)."""

    def listener(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for statement in statements:
            cursor.execute(statement)
        cursor.close()

    fresh_connections(engine)
    event.listen(engine, "connect", listener)
    try:
        yield
    finally:
        event.remove(engine, "connect", listener)
        fresh_connections(engine)


@contextmanager
def read_only(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "sqlite":
        with on_connect(engine, "PRAGMA query_only = ON"):
            yield
        return
    name = engine.url.database
    with _admin_connect() as admin:
        admin.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    fresh_connections(engine)
    try:
        yield
    finally:
        with _admin_connect() as admin:
            admin.execute(f'ALTER DATABASE "{name}" RESET default_transaction_read_only')
        fresh_connections(engine)


@contextmanager
def disk_full(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.execute(text("VACUUM"))
            pages = conn.execute(text("PRAGMA page_count")).scalar_one()
        with on_connect(engine, f"PRAGMA max_page_count = {int(pages)}"):
            yield
        return
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                " RAISE EXCEPTION 'could not extend file: No space left on device'"
                " USING ERRCODE = 'disk_full'; END $$"
            )
        )
        conn.execute(
            text(
                "CREATE TRIGGER full_disk BEFORE INSERT ON comment"
                " FOR EACH ROW EXECUTE FUNCTION full_disk()"
            )
        )
    try:
        yield
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TRIGGER full_disk ON comment"))
            conn.execute(text("DROP FUNCTION full_disk()"))


def body(rid: str, comment: str | None = None) -> dict[str, Any]:
    out = {
        "id": rid,
        "questionnaire": "core@1",
        "locale": "de",
        "answers": {"overall": 4, "topic": 2, "improve": [1, 3]},
        "answered_at": utcnow().isoformat(),
    }
    if comment is not None:
        out["comment"] = comment
    return out


def post(app: Flask, token: str, payload: dict[str, Any]) -> Any:
    return app.test_client().post(
        "/kiosk/api/responses", json=payload, headers={"Authorization": f"Bearer {token}"}
    )


def assert_nothing_stored() -> None:
    db.session.remove()
    for model in (Response, Answer, Comment, ResponseTally):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0, model


def test_read_only_database_answers_503_json_and_the_retry_is_stored(app, token) -> None:
    rid = str(uuid.uuid4())
    with read_only(db.engine):
        refused = post(app, token, body(rid))
        assert refused.status_code == 503
        assert refused.get_json() == {"error": "database_read_only"}
        assert refused.headers["Retry-After"] == "60"
        # reading still works: the questionnaire for the tablet
        bundle = app.test_client().get(
            "/kiosk/api/bundle", headers={"Authorization": f"Bearer {token}"}
        )
        assert bundle.status_code == 200
    assert_nothing_stored()
    again = post(app, token, body(rid))
    assert again.status_code == 201, again.get_json()
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Response)) == 1
        assert_tallies_match_recount(conn)


def test_full_disk_answers_503_and_keeps_nothing_of_the_response(app, token) -> None:
    rid = str(uuid.uuid4())
    # a long comment in a 3-byte script needs new pages (SQLite) and reaches
    # the comment table (PostgreSQL trigger) after response and answers
    comment = "ሀ" * 1900
    with disk_full(db.engine):
        refused = post(app, token, body(rid, comment))
        assert refused.status_code == 503, refused.get_data(as_text=True)
        assert refused.get_json() == {"error": "database_full"}
    assert_nothing_stored()
    assert post(app, token, body(rid, comment)).status_code == 201
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)


def test_read_only_database_shows_a_page_to_people(app) -> None:
    with read_only(db.engine):
        page = app.test_client().post("/login", data={"username": "x", "password": "y"})
    assert page.status_code == 503
    assert page.mimetype == "text/html"
    assert MESSAGE_DE in page.get_data(as_text=True)


def test_other_database_errors_are_not_disguised_as_503(app, token) -> None:
    rid = uuid.uuid4()
    assert post(app, token, body(str(rid))).status_code == 201
    with pytest.raises(DBAPIError) as caught, db.engine.begin() as conn:  # a real constraint error
        conn.execute(text("INSERT INTO comment (response_id, text) VALUES (:r, 'a')"), {"r": rid})
        conn.execute(text("INSERT INTO comment (response_id, text) VALUES (:r, 'b')"), {"r": rid})
    assert unavailable_reason(caught.value) is None
