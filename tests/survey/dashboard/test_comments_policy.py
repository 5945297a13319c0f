"""The comments browser under a language filter: a month whose language group the
policy hides shows no comments (its count would be the month minus the others)."""

from __future__ import annotations

from datetime import date

from survey.access import Capability, unrestricted
from survey.dashboard.comments import comment_cells
from survey.dashboard.filters import Filters
from survey.database import db


def test_a_group_hidden_in_its_family_shows_no_comments(make_site, make_response):
    site = make_site("WI", "Wiesbaden")
    # March: 12 in Arabic, 5 in German (hidden), so Arabic is hidden with it;
    # April: 40 in Arabic, 12 in Persian, 31 in German: nothing hidden
    for month, counts in ((3, {"ar": 12, "de": 5}), (4, {"ar": 40, "fa": 12, "de": 31})):
        for locale, count in counts.items():
            for k in range(count):
                make_response(
                    site, day=date(2016, month, 1 + k % 28), locale=locale, comment=f"{locale} {k}"
                )
    scope = unrestricted(Capability.COMMENTS)
    span = {"period": "custom", "start": date(2016, 3, 1), "end": date(2016, 4, 30)}
    arabic = comment_cells(db.session, scope, site, Filters(**span, locale="ar"))
    assert [cell.month for cell in arabic] == [date(2016, 4, 1)]
    everything = comment_cells(db.session, scope, site, Filters(**span))
    assert [cell.month for cell in everything] == [date(2016, 4, 1), date(2016, 3, 1)]
