from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from survey.database import db
from survey.demo.operations import load
from survey.sites.models import Site
from tests.survey.staff import isolated_requests, make_user  # noqa: F401 - fixtures

ARABIC = "الموظفون كانوا لطفاء جدا"
TIGRINYA = "ሰራሕተኛታት ኣዝዮም ሕያዋያን ነይሮም"
PERIOD = ("2016-01-01", "2016-12-31")


@pytest.fixture
def demo(app, make_response):
    """The demo network (3000 answers), plus comments in Arabic and Tigrinya at WI."""
    load(db.session, responses=3000, seed=4)
    db.session.commit()
    wi = db.session.scalar(select(Site).where(Site.code == "WI"))
    for locale, text in (("ar", ARABIC), ("ti", TIGRINYA)):
        make_response(
            wi, {"overall": (5,), "topic": (1,)}, locale=locale, comment=text, day=date(2016, 5, 3)
        )
    return wi


def cli_json(runner, *args: str) -> dict:
    result = runner.invoke(args=[*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def pdftotext(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdffonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout
