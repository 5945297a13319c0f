"""Submitting the online form like a browser without JavaScript: GET, then POST the fields."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import func, select

from survey.database import db
from survey.responses.models import Response

GOOD = {"overall": "5", "waiting": "4", "improve": ["1", "3"], "comment": "Alles gut."}


def hidden_fields(html: str) -> dict[str, str]:
    found = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    assert {"csrf_token", "response_id", "lang"} <= found.keys(), found.keys()
    return found


def open_form(client: FlaskClient, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return hidden_fields(response.get_data(as_text=True))


def post(client: FlaskClient, url: str, answers: dict, fields: dict[str, str] | None = None):
    """POST ``answers`` with the hidden fields of a freshly rendered form (or ``fields``)."""
    fields = fields if fields is not None else open_form(client, url)
    path = url.split("?")[0]
    query = url.split("?")[1] if "?" in url else ""
    target = f"{path}?{query}" if query else path
    return client.post(target, data={**fields, **answers})


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(Response)) or 0
