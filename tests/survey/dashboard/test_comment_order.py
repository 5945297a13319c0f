"""The comments browser lists a month's comments by their text, never in the order of
days (nor of storage): the order would date them within the month."""

from __future__ import annotations

from datetime import date

from survey.access import Capability, unrestricted
from survey.dashboard.comments import comment_cells
from survey.dashboard.filters import Filters
from survey.database import db


def test_a_months_comments_are_in_text_order(make_site, make_response):
    site = make_site("WI", "Wiesbaden")
    texts = ["Zuletzt", "Mitte", "Anfang", "Bald", "Yes"]  # stored late day first
    for k in range(12):
        comment = texts[k] if k < len(texts) else None
        make_response(site, day=date(2016, 3, 28 - 2 * k), comment=comment)
    f = Filters(period="year", start=date(2016, 1, 1), end=date(2016, 12, 31))
    cells = comment_cells(db.session, unrestricted(Capability.COMMENTS), site, f)
    assert [cell.comments for cell in cells] == [sorted(texts)]
