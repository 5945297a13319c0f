"""The baseline of bench/throughput.py: a bare Flask + SQLAlchemy endpoint.

``POST /bare`` takes the same JSON body as ``POST /kiosk/api/responses`` and
inserts one equivalent row (a ``response`` row with the client's UUID) into
the same database, in a transaction of its own, and nothing else: no
authentication, validation, answers or tallies. Same engine settings as the
app (pool, SQLite WAL pragmas).

``POST /bare/stored`` is the floor of the app's own path: the same body stored
as the app stores a response (:func:`survey.responses.operations.record`:
the response, its answers and its three tallies, in the app's write
transaction), with nothing else around it: no authentication, CSRF, rate
limit, validation, locale or security headers. The gap between ``/bare`` and
``/bare/stored`` is what storing a whole response costs; the gap between
``/bare/stored`` and the app's paths is the rest of the app. Served by
gunicorn::

    SURVEY_DATABASE_URL=… gunicorn --chdir . bench.bare_app:app
"""

from __future__ import annotations

import os
import uuid
from datetime import date

from flask import Flask, jsonify, request
from sqlalchemy import create_engine, insert, select

from survey.database.engine import configure_engine, engine_options, normalise_url
from survey.database.writer import write_transaction
from survey.questionnaires.models import Questionnaire
from survey.responses.models import Response
from survey.responses.operations import ItemIndex, NewResponse, record
from survey.sites.models import Site


def create_bare_app(url: str) -> Flask:
    url = normalise_url(url)
    engine = create_engine(url, **engine_options(url, 2))
    configure_engine(engine)
    with engine.connect() as conn:
        site_id = conn.scalar(select(Site.id).order_by(Site.id).limit(1))
        questionnaire_id = conn.scalar(select(Questionnaire.id).filter_by(code="core", version=1))
        items = ItemIndex.load(conn, questionnaire_id)
    table = Response.__table__
    app = Flask(__name__)

    @app.get("/healthz")
    def healthz():  # type: ignore[no-untyped-def]
        return jsonify(status="ok")

    @app.post("/bare")
    def bare():  # type: ignore[no-untyped-def]
        body = request.get_json(force=True)
        with engine.begin() as conn:
            conn.execute(
                insert(table),
                {
                    "id": uuid.UUID(body["id"]),
                    "site_id": site_id,
                    "questionnaire_id": questionnaire_id,
                    "channel": "kiosk",
                    "locale": body["locale"],
                    "day": date.today(),
                    "hour_band": 2,
                    "flagged": False,
                },
            )
        return jsonify(status="stored"), 201

    @app.post("/bare/stored")
    def stored():  # type: ignore[no-untyped-def]
        body = request.get_json(force=True)
        answers = {
            code: tuple(value) if isinstance(value, list) else (value,)
            for code, value in body["answers"].items()
        }
        response = NewResponse(
            id=uuid.UUID(body["id"]),
            site_id=site_id,
            channel="kiosk",
            locale=body["locale"],
            day=date.today(),
            hour_band=2,
            answers=answers,
        )
        with write_transaction(engine) as conn:
            record(conn, response, items)
        return jsonify(status="stored"), 201

    return app


app = create_bare_app(os.environ["SURVEY_DATABASE_URL"])
