"""Bad input at volume: Hypothesis against the CSV import (``flask responses import``).

Whatever the file holds, :func:`import_csv` either refuses it as a whole
(:class:`ImportFailed` with a message, nothing stored) or reads it row by row:
every bad row is named by its line with a reason, a file with bad rows stores
nothing unless ``skip_invalid``, and what is stored is exactly the good rows,
counted in the tallies (equal to a recount). No other exception escapes.
``SURVEY_FUZZ_EXAMPLES`` sets the number of cases (``bench/fuzz.py`` runs 10,000).
"""

from __future__ import annotations

import csv
import io
import os
import uuid

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from survey.database import db
from survey.responses.csvio import HEADER
from survey.responses.importer import ImportFailed, import_csv
from survey.responses.models import Response
from tests.survey.responses.checks import assert_tallies_match_recount

EXAMPLES = int(os.environ.get("SURVEY_FUZZ_EXAMPLES", "300"))
GOOD = {
    "site": "WI", "date": "2016-03-14", "channel": "kiosk", "locale": "de",
    "questionnaire": "core@1", "topic": "1", "overall": "4",
}  # fmt: skip
#: response UUIDs shared by the cases: a later file may repeat an earlier one's
IDS = [str(uuid.UUID(int=n + 1)) for n in range(4)]

odd_cells = st.sampled_from(
    ["", "na", "0", "6", "-1", "1;2", "5;1;5", "2016-02-30", "2999-01-01", "16-03-14", "WI",
     "xx", "paper", "online", "core@9", "core@1", "x" * 2001, "4\x00", "٣", "1e3", "99999999999"]
) | st.text(max_size=20)  # fmt: skip
rows = st.lists(
    st.dictionaries(st.sampled_from(HEADER), odd_cells | st.sampled_from(IDS), max_size=6).map(
        lambda cells: {**GOOD, **cells}
    ),
    max_size=8,
)
headers = (
    st.just(HEADER)
    | st.permutations(HEADER).map(tuple)
    | st.lists(st.sampled_from([*HEADER, "extra", ""]), max_size=len(HEADER) + 1).map(tuple)
)


def csv_bytes(header: tuple[str, ...], found: list[dict[str, str]], encoding: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for cells in found:
        writer.writerow([cells.get(name, "") for name in header])
    return out.getvalue().encode(encoding, errors="replace")


files = st.builds(
    csv_bytes, headers, rows, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])
) | st.binary(max_size=400)


@pytest.fixture
def wi(make_site):
    site = make_site("WI", "Wiesbaden")
    db.session.commit()
    return site


def count() -> int:
    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(Response)) or 0


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=files, skip_invalid=st.booleans())
def test_import_never_fails_and_never_half_stores(wi, tmp_path, data, skip_invalid) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    before = count()
    try:
        result = import_csv(db.engine, path, skip_invalid=skip_invalid)
    except ImportFailed as exc:
        event("refused as a whole")
        assert str(exc).strip()  # the reason is given
        assert count() == before
        return
    event(f"rows {min(result.rows, 3)}+, bad {min(result.bad, 1)}+, committed {result.committed}")
    assert all(error.line >= 1 and error.reason.strip() for error in result.errors)
    assert result.bad == len(result.errors) + result.unlisted
    if result.bad and not skip_invalid:
        assert not result.committed and count() == before  # all or nothing
    else:
        assert result.committed
        assert count() == before + result.imported
        assert result.imported + result.duplicates + result.bad == result.rows
    with db.engine.connect() as conn:
        assert_tallies_match_recount(conn)
