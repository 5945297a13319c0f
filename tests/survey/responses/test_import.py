"""CSV import: stored once, tallied, scrubbed; bad rows named by line; atomic."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from survey.database import db
from survey.questionnaires.definition import parse
from survey.questionnaires.operations import publish
from survey.responses import tallies
from survey.responses.importer import MAX_LISTED, ImportFailed, import_csv
from survey.responses.models import NOT_APPLICABLE, Comment, Response

from .checks import assert_tallies_match_recount
from .csvfiles import count, row, stored, tally_snapshot, write

IDS = [uuid.UUID(int=i + 1) for i in range(10)]


@pytest.fixture
def wi(make_site):
    return make_site("WI", "Wiesbaden")


def test_import_stores_answers_comments_and_tallies(engine, wi, tmp_path):
    path = write(
        tmp_path / "in.csv",
        [
            row(response_id=str(IDS[0]), appointment="na", improve="5;1", resolved="2"),
            row(response_id="", locale="ar", channel="online", comment="انتظرت طويلا جدا"),
            row(response_id=str(IDS[1]), date="2016-04-01", topic="", overall="",
                comment="Herr Müller, Tel. 0611 311234"),
            row(response_id=str(IDS[2]), locale="ti", channel="paper", comment="ነዊሕ ግዜ ተጸቢና"),
        ],
    )  # fmt: skip
    result = import_csv(engine, path)
    assert (result.rows, result.imported, result.duplicates, result.bad) == (4, 4, 0, 0)
    assert result.committed
    with engine.connect() as conn:
        data = stored(conn)
        assert_tallies_match_recount(conn)
    assert data[IDS[0]] == (
        "WI",
        date(2016, 3, 14),
        "kiosk",
        "de",
        {"topic": (1,), "overall": (4,), "appointment": (NOT_APPLICABLE,), "improve": (1, 5),
         "resolved": (2,)},
        None,
    )  # fmt: skip
    assert data[IDS[1]][4] == {} and data[IDS[1]][5] == "Herr […], Tel. […]"
    assert data[IDS[2]][5] == "ነዊሕ ግዜ ተጸቢና"
    (new_id,) = set(data) - set(IDS)
    assert data[new_id][3] == "ar" and data[new_id][5] == "انتظرت طويلا جدا"


def test_same_file_twice_stores_nothing_the_second_time(engine, wi, tmp_path):
    path = write(tmp_path / "in.csv", [row(response_id=str(i), overall="5") for i in IDS])
    assert import_csv(engine, path).imported == len(IDS)
    with engine.connect() as conn:
        before, tallies_before = stored(conn), tally_snapshot(conn)
    again = import_csv(engine, path)
    assert (again.imported, again.duplicates, again.committed) == (0, len(IDS), True)
    with engine.connect() as conn:
        assert stored(conn) == before
        assert tally_snapshot(conn) == tallies_before


def test_rows_already_recorded_by_the_form_are_duplicates(engine, wi, make_response, tmp_path):
    make_response(wi, {"overall": (2,)}, id=IDS[0])
    make_response(wi, {"overall": (3,), "topic": (2,)}, id=IDS[5])
    path = write(tmp_path / "in.csv", [row(response_id=str(i)) for i in IDS[:3]])
    result = import_csv(engine, path)
    assert (result.imported, result.duplicates) == (2, 1)
    with engine.connect() as conn:
        assert stored(conn)[IDS[0]][4] == {"overall": (2,)}  # the first one stays
        assert count(conn, Response) == 4
        assert_tallies_match_recount(conn)


def test_import_spanning_several_batches(engine, wi, tmp_path):
    rows = [
        row(response_id=str(uuid.UUID(int=i + 100)), overall=str(i % 5 + 1),
            topic=str(i % 5 + 1), improve=f"{i % 8 + 1};8", date=f"2016-0{i % 9 + 1}-1{i % 9}",
            locale=("de", "ar", "ti", "fa-AF")[i % 4], channel=("kiosk", "online")[i % 2])
        for i in range(4500)
    ]  # fmt: skip
    seen = []
    result = import_csv(engine, write(tmp_path / "big.csv", rows), progress=seen.append)
    assert result.imported == 4500
    assert sum(seen) == (tmp_path / "big.csv").stat().st_size
    with engine.connect() as conn:
        assert_tallies_match_recount(conn)


def _varied(i: int) -> dict[str, str]:
    """Row ``i`` of a file that exercises every kind of counter: two questionnaire
    versions, two sites, months, locales, channels, multiple choice, "not
    applicable", first visits with and without ``resolved``, and empty answers."""
    return row(
        response_id=str(uuid.UUID(int=500 + i)),
        site=("WI", "GI")[i % 2],
        date=f"2016-0{i % 3 + 1}-{i % 2 + 27}",
        channel=("kiosk", "online", "paper")[i % 3],
        locale=("de", "ar", "ti", "fa-AF")[i % 4],
        questionnaire=("core@1", "core@2")[i // 4 % 2],
        topic=("1", "2", "")[i % 3],
        overall=("4", "2", "")[i % 3],
        visits=("1", "2", "1", "")[i % 4],
        resolved=("1", "3", "", "2", "1")[i % 5],
        appointment=("na", "3", "")[i % 3],
        improve=("1;3;8", "2", "", "5;6")[i % 4],
        comment="Danke" if i % 5 == 0 else "",
    )


def test_import_counts_exactly_the_rows_it_stores(engine, wi, make_site, make_response,
                                                   core_definition, tmp_path):  # fmt: skip
    """The tallies are counted once, after the last batch: of the stored rows
    only, whatever their version, never of a duplicate (counted when it was
    stored, or never if it was flagged), added to the counts already there."""
    gi = make_site("GI", "Gießen")
    publish(db.session, parse({**core_definition.raw, "version": 2}))
    db.session.commit()
    rows = [_varied(i) for i in range(27)]
    # already stored by the form: two rows of the file (one of them flagged, so
    # never counted), and others in the same cells as the file's rows
    make_response(wi, {"overall": (1,), "improve": (2, 3)}, id=uuid.UUID(int=500), channel="kiosk",
                  day=date(2016, 1, 27))  # fmt: skip
    make_response(gi, {"overall": (5,), "visits": (1,), "resolved": (1,)}, id=uuid.UUID(int=507),
                  day=date(2016, 2, 28), flagged=True)  # fmt: skip
    for i in range(3):
        make_response((wi, gi)[i % 2], {"visits": (1,), "resolved": (3,), "improve": (1, 8)},
                      day=date(2016, i + 1, 27 + i % 2))  # fmt: skip
    bad = write(tmp_path / "bad.csv", [*rows, row(overall="6")])
    assert not import_csv(engine, bad, batch=4).committed  # six batches stored, rolled back
    result = import_csv(engine, write(tmp_path / "in.csv", rows), batch=4)
    assert (result.imported, result.duplicates, result.committed) == (25, 2, True)
    with engine.connect() as conn:
        assert_tallies_match_recount(conn)
        responses = conn.execute(select(func.sum(tallies.ResponseTally.n))).scalar_one()
        assert responses == 25 + 1 + 3  # the flagged one left out
        versions = conn.execute(
            select(func.count(func.distinct(tallies.ResponseTally.questionnaire_id)))
        ).scalar_one()
        assert versions == 2
    assert import_csv(engine, write(tmp_path / "again.csv", rows), batch=4).imported == 0
    with engine.connect() as conn:
        assert_tallies_match_recount(conn)


LONG = "x" * 2001
BAD_ROWS = [
    ({"site": "XX"}, "unknown site 'XX'"),
    ({"date": "14.03.2016"}, "date '14.03.2016' is not in the form YYYY-MM-DD"),
    ({"date": "2016-02-30"}, "date '2016-02-30' does not exist"),
    ({"date": "2999-01-01"}, "date 2999-01-01 is in the future"),
    ({"channel": "fax"}, "channel 'fax' is not one of kiosk, online, paper"),
    ({"locale": "xx"}, "locale 'xx' is not one of the public codes"),
    ({"locale": "fa_AF"}, "locale 'fa_AF' is written 'fa-AF'"),
    ({"questionnaire": "core@9"}, "questionnaire 'core@9' is not published"),
    ({"overall": "7"}, "overall: '7' is out of range (1–5)"),
    ({"overall": "gut"}, "overall: 'gut' is not a whole number"),
    ({"overall": "٤"}, "overall: '٤' is not a whole number"),
    ({"overall": "na"}, "overall: 'na' (not applicable) is not allowed"),
    ({"overall": "1;2"}, "overall: '1;2': this item takes one value only"),
    ({"improve": "1;9"}, "improve: '1;9' is out of range (1–8)"),
    ({"topic": "0"}, "topic: '0' is out of range (1–5)"),
    ({"comment": LONG}, "comment: is longer than 2000 characters"),
    ({"comment": "a\0b"}, "contains a NUL character"),
    ({"response_id": "not-a-uuid"}, "response_id 'not-a-uuid' is not a UUID"),
    ({"response_id": str(IDS[0])}, f"response_id {IDS[0]} appears on an earlier line"),
    ({"channel": "fax", "overall": "9"}, "channel 'fax' is not one of kiosk, online, paper; "
                                         "overall: '9' is out of range"),
]  # fmt: skip


@pytest.mark.parametrize(("cells", "reason"), BAD_ROWS)
def test_bad_row_is_named_and_nothing_is_stored(engine, wi, tmp_path, cells, reason):
    good = [row(response_id=str(IDS[0])), row(), row(comment="line\nbreak inside")]
    path = write(tmp_path / "in.csv", [*good, row(**cells), row()])
    result = import_csv(engine, path, batch=2)  # the first rows are written, then rolled back
    assert not result.committed and result.imported == 0
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.line == 6  # header, two rows, a row of two lines, then the bad one
    assert reason in error.reason
    with engine.connect() as conn:
        assert count(conn, Response) == 0
        assert all(not c for c in tally_snapshot(conn).values())


def test_row_with_wrong_number_of_fields(engine, wi, tmp_path):
    path = write(tmp_path / "in.csv", [row()])
    with path.open("a", encoding="utf-8") as fh:
        fh.write("x,WI,2016-03-14\n")
    result = import_csv(engine, path)
    assert [str(e) for e in result.errors] == ["line 3: expected 20 fields, found 3"]


def test_skip_invalid_imports_the_good_rows(engine, wi, tmp_path):
    rows = [row(response_id=str(IDS[0])), row(overall="6"), row(response_id=str(IDS[1])),
            row(site="ZZ")]  # fmt: skip
    result = import_csv(engine, write(tmp_path / "in.csv", rows), skip_invalid=True, batch=1)
    assert result.committed and result.imported == 2
    assert [e.line for e in result.errors] == [3, 5]
    with engine.connect() as conn:
        assert set(stored(conn)) == {IDS[0], IDS[1]}
        assert_tallies_match_recount(conn)


def test_formula_escape_is_undone_and_comments_scrubbed(engine, wi, tmp_path):
    rows = [
        row(response_id=str(IDS[0]), comment="'=1+1"),
        row(response_id=str(IDS[1]), comment="''-zu lang"),
        row(response_id=str(IDS[2]), comment="'kein Escape"),
        row(response_id=str(IDS[3]), comment="Mail an a@b.de"),
    ]
    import_csv(engine, write(tmp_path / "in.csv", rows))
    with engine.connect() as conn:
        texts = dict(conn.execute(select(Comment.response_id, Comment.text)).tuples().all())
    assert texts == {IDS[0]: "=1+1", IDS[1]: "'-zu lang", IDS[2]: "'kein Escape",
                     IDS[3]: "Mail an […]"}  # fmt: skip


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"response_id,site\n", "line 1: wrong header: missing columns: date, channel"),
        (";".join(row()).encode() + b"\n", "separated by ';'"),
        (",".join(("extra", *row())).encode() + b"\n", "unknown columns: 'extra'"),
        (b"site,response_id" + ",".join(("", *list(row())[2:])).encode() + b"\n",
         "different order"),
        ("\n".join((",".join(row()), ",".join(row().values()).replace("1", "Müller", 1)))
         .encode("latin-1"), "not UTF-8"),
        (",".join(row()).encode() + b'\n,WI,"2016"-03-14' + b",x" * 18 + b"\n",
         "line 2: the CSV cannot be read"),
    ],
)  # fmt: skip
def test_file_problems_stop_the_whole_import(engine, wi, tmp_path, content, message):
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        import_csv(engine, path)


def test_non_utf8_after_good_rows_stores_nothing(engine, wi, tmp_path):
    path = write(tmp_path / "in.csv", [row() for _ in range(300)])  # more than one read chunk
    with path.open("ab") as fh:
        fh.write(",WI,2016-03-14,kiosk,de,core@1,1,4,,,,,,,,,,,,M\xfcller\n".encode("latin-1"))
    with pytest.raises(ImportFailed, match="not UTF-8"):
        import_csv(engine, path, skip_invalid=True, batch=3)
    with engine.connect() as conn:
        assert count(conn, Response) == 0


def test_byte_order_mark_is_accepted(engine, wi, tmp_path):
    path = write(tmp_path / "in.csv", [row()])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert import_csv(engine, path).imported == 1


def test_many_bad_rows_are_counted_beyond_the_listed_ones(engine, wi, tmp_path):
    rows = [row(overall="6")] * (MAX_LISTED + 5)
    result = import_csv(engine, write(tmp_path / "in.csv", rows))
    assert (len(result.errors), result.unlisted, result.bad) == (MAX_LISTED, 5, MAX_LISTED + 5)
    assert result.errors[-1].line == MAX_LISTED + 1
