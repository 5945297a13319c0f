"""Helpers for the import and export tests: CSV files, and what the database holds."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, select

from survey.questionnaires.models import Item
from survey.responses import tallies
from survey.responses.csvio import HEADER
from survey.responses.models import Answer, Comment, Response
from survey.sites.models import Site

TALLIES = (tallies.ResponseTally, tallies.AnswerTally, tallies.MonthTally)


def row(**cells: str) -> dict[str, str]:
    """A CSV row: a valid response of site WI, overridden by ``cells``."""
    base = dict.fromkeys(HEADER, "")
    base.update(
        site="WI", date="2016-03-14", channel="kiosk", locale="de", questionnaire="core@1",
        topic="1", overall="4",
    )  # fmt: skip
    base.update(cells)
    return base


def write(path: Path, rows: list[dict[str, str]], header: tuple[str, ...] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for cells in rows:
            writer.writerow([cells.get(name, "") for name in header])
    return path


def stored(conn: Connection) -> dict[Any, tuple[Any, ...]]:
    """Every stored response: id → (site, day, channel, locale, answers, comment)."""
    answers: dict[Any, dict[str, list[int]]] = {}
    for rid, code, value in conn.execute(
        select(Answer.response_id, Item.code, Answer.value).join(Item, Item.id == Answer.item_id)
    ):
        answers.setdefault(rid, {}).setdefault(code, []).append(value)
    comments = dict(conn.execute(select(Comment.response_id, Comment.text)).tuples().all())
    out = {}
    for rid, site, day, channel, locale in conn.execute(
        select(Response.id, Site.code, Response.day, Response.channel, Response.locale).join(
            Site, Site.id == Response.site_id
        )
    ):
        given = {code: tuple(sorted(v)) for code, v in answers.get(rid, {}).items()}
        out[rid] = (site, day, channel, locale, given, comments.get(rid))
    return out


def tally_snapshot(conn: Connection) -> dict[str, Counter]:
    return {
        model.__tablename__: Counter(tuple(r) for r in conn.execute(select(model.__table__)).all())
        for model in TALLIES
    }


def count(conn: Connection, model: Any) -> int:
    return len(conn.execute(select(model.__table__)).all())


def wipe_responses(conn: Connection) -> None:
    """Delete every response and tally (sites and questionnaires stay)."""
    for model in (*TALLIES, Comment, Answer, Response):
        conn.execute(delete(model.__table__))
