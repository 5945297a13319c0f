from __future__ import annotations

import pytest

from survey.database import db
from survey.demo.operations import load


@pytest.fixture
def demo(app):
    """A small demo network (16 sites, Oct 2013 – Jun 2017), loaded through the real code."""
    result = load(db.session, responses=4000, seed=4)
    db.session.commit()
    return result
