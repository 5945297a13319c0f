"""Importing the CSV of responses (GUIDE.md §B) in one transaction.

Every row is checked the way the online form checks an answer
(:meth:`Definition.validate`), comments are scrubbed (:func:`scrub`), and the
good rows are stored in batches with :class:`DeferredTallies`, which counts
every response the import stored into the tallies once, after the last batch
(exactly as :func:`record` would have counted them one by one). A row whose
``response_id`` is already stored is a duplicate: skipped and counted, never
stored twice, and never counted into the tallies again.

Atomic by default: if any row is bad, nothing is stored and every bad row is
reported with its line number. With ``skip_invalid`` the good rows are stored
and the bad ones reported. A problem with the file itself (not UTF-8, wrong
header, unreadable CSV) stores nothing in either mode.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO, TypeVar

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from survey.questionnaires.definition import Definition, parse
from survey.questionnaires.operations import find
from survey.security.spreadsheet import restore
from survey.sites.models import Site

from . import csvio
from .bulk import DeferredTallies, deferred_tallies
from .operations import ItemIndex, NewResponse
from .scrub import scrub

BATCH = 2000
#: Bad rows listed one by one; beyond this they are only counted.
MAX_LISTED = 1000
SQLITE_CACHE_KIB = 256 * 1024
#: SQLite's page cache while the tallies are counted (see :func:`_count`).
SQLITE_COUNT_CACHE_KIB = 32 * 1024

T = TypeVar("T")


class ImportFailed(Exception):
    """The file as a whole cannot be imported; nothing was stored."""


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ImportResult:
    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    errors: list[RowError] = field(default_factory=list)
    #: bad rows beyond :data:`MAX_LISTED`
    unlisted: int = 0
    committed: bool = False

    @property
    def bad(self) -> int:
        return len(self.errors) + self.unlisted


@dataclass(frozen=True)
class _Version:
    definition: Definition
    items: ItemIndex


class _RowReader:
    """Parses the cells of one row into a :class:`NewResponse`, with the database's lookups."""

    def __init__(self, conn: Connection, today: date) -> None:
        self.conn = conn
        self.today = today
        self.sites = dict(conn.execute(select(Site.code, Site.id)).tuples().all())
        self.versions: dict[str, _Version | str] = {}
        self.seen: set[bytes] = set()
        #: the file's header: :data:`csvio.HEADER`, or the export's with ``presentation``
        self.header: tuple[str, ...] = csvio.HEADER

    def version(self, key: str) -> _Version:
        if key not in self.versions:
            self.versions[key] = self._load_version(key)
        found = self.versions[key]
        if isinstance(found, str):
            raise csvio.CellError(found)
        return found

    def _load_version(self, key: str) -> _Version | str:
        with Session(bind=self.conn) as session:
            questionnaire = find(session, key)
            if questionnaire is None:
                return f"questionnaire {key!r} is not published (expected e.g. 'core@1')"
            definition = parse(questionnaire.definition)
            if tuple(i.code for i in definition.items) != csvio.ITEM_COLUMNS:
                return f"questionnaire {key!r} has other items than the CSV columns"
            return _Version(definition, ItemIndex.load(self.conn, questionnaire.id))

    def read(self, cells: list[str]) -> tuple[NewResponse, _Version]:
        header = self.header
        if len(cells) != len(header):
            raise csvio.CellError(f"expected {len(header)} fields, found {len(cells)}")
        if any("\0" in cell for cell in cells):
            raise csvio.CellError("contains a NUL character, which cannot be stored")
        row = dict(zip(header, cells, strict=True))
        reasons: list[str] = []

        def cell(parser: Callable[[], T]) -> T | None:
            try:
                return parser()
            except csvio.CellError as exc:
                reasons.append(str(exc))
                return None

        response_id = cell(lambda: csvio.parse_id(row["response_id"]))
        if response_id is not None:
            if response_id.bytes in self.seen:
                reasons.append(f"response_id {response_id} appears on an earlier line as well")
            self.seen.add(response_id.bytes)
        site_id = cell(lambda: self._site(row["site"]))
        day = cell(lambda: csvio.parse_date(row["date"], self.today))
        channel = cell(lambda: csvio.parse_channel(row["channel"]))
        locale = cell(lambda: csvio.parse_locale(row["locale"]))
        version = cell(lambda: self.version(row["questionnaire"].strip()))
        shown = cell(lambda: csvio.parse_presentation(row.get(csvio.PRESENTATION_COLUMN, "")))
        answers: dict[str, tuple[int, ...]] = {}
        comment = None
        if version is not None:
            raw = {code: row[code] for code in csvio.ITEM_COLUMNS}
            raw["comment"] = scrub(restore(raw["comment"].strip()))
            validated = version.definition.validate(raw)
            if validated.errors:
                reasons.append(csvio.describe_errors(version.definition, validated.errors, raw))
            answers, comment = validated.answers, validated.comment
        if reasons:
            raise csvio.CellError("; ".join(reasons))
        if site_id is None or day is None or channel is None or locale is None or not version:
            raise csvio.CellError("incomplete row")  # not reached: each None added a reason
        response = NewResponse(
            id=response_id or uuid.uuid4(),
            site_id=site_id,
            channel=channel,
            locale=locale,
            day=day,
            answers=answers,
            comment=comment,
            presentation=shown,
        )
        return response, version

    def _site(self, code: str) -> int:
        code = code.strip().upper()
        if code not in self.sites:
            raise csvio.CellError(f"unknown site {code!r} (add it first: flask sites add)")
        return self.sites[code]


def import_csv(
    engine: Engine,
    path: Path,
    *,
    skip_invalid: bool = False,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = BATCH,
) -> ImportResult:
    """Import the file at ``path``; see the module docstring for the rules.

    ``progress`` is called with the number of bytes read since its last call;
    rows are stored ``batch`` at a time (in the one transaction), and counted
    into the tallies after the last batch, just before the commit.
    """
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise ImportFailed(f"cannot open {path}: {exc.strerror}") from None
    with fh, engine.connect() as conn, _page_cache(conn), deferred_tallies(conn) as store:
        transaction = conn.begin()
        try:
            result = _import(conn, store, fh, skip_invalid, today or date.today(), progress, batch)
        except BaseException:
            transaction.rollback()
            raise
        if result.bad and not skip_invalid:
            transaction.rollback()
            result.imported = result.duplicates = 0
        else:
            transaction.commit()
            result.committed = True
        return result


@contextmanager
def _page_cache(conn: Connection) -> Iterator[None]:
    """On SQLite, a page cache of :data:`SQLITE_CACHE_KIB` for this connection while it imports.

    Answers and tallies are B-trees keyed by random UUIDs and scattered cells:
    with SQLite's default 2 MiB cache every insert rereads pages from the file.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    conn.commit()  # end the autobegun transaction; the import begins its own
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")
        conn.commit()


def _import(
    conn: Connection,
    store: DeferredTallies,
    fh: BinaryIO,
    skip_invalid: bool,
    today: date,
    progress: Callable[[int], None] | None,
    batch: int,
) -> ImportResult:
    result = ImportResult()
    reader = _RowReader(conn, today)
    pending: dict[int, tuple[ItemIndex, list[NewResponse]]] = {}
    position = 0

    def flush() -> None:
        nonlocal position
        for items, responses in pending.values():
            stored = store.store(responses, items)
            result.imported += stored
            result.duplicates += len(responses) - stored
        pending.clear()
        if progress:
            progress(fh.tell() - position)
            position = fh.tell()

    for line, cells in _rows(fh, reader):
        result.rows += 1
        try:
            response, version = reader.read(cells)
        except csvio.CellError as exc:
            if len(result.errors) < MAX_LISTED:
                result.errors.append(RowError(line, str(exc)))
            else:
                result.unlisted += 1
            continue
        if result.bad and not skip_invalid:
            continue  # nothing will be stored: only check the remaining rows
        qid = version.items.questionnaire_id
        pending.setdefault(qid, (version.items, []))[1].append(response)
        if sum(len(responses) for _, responses in pending.values()) >= batch:
            flush()
    if not result.bad or skip_invalid:  # it will be committed
        flush()
        _count(conn, store)
    elif progress:
        progress(fh.tell() - position)
    return result


def _count(conn: Connection, store: DeferredTallies) -> None:
    """Count the stored responses into the tallies, on SQLite with a smaller page cache.

    SQLite groups by sorting, and each sort may buffer as much memory as the
    page cache before it spills to a file; the count sorts several at once.
    Counting 1M rows with the :data:`SQLITE_CACHE_KIB` of the inserts took the
    process to 1.2 GB and 150 s, with this one to 0.64 GB and 142 s. The
    cache is set back by :func:`_page_cache`.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_COUNT_CACHE_KIB}")
    store.count()


def _rows(fh: BinaryIO, parser: _RowReader) -> Iterator[tuple[int, list[str]]]:
    """``(line number, cells)`` of each data row, after checking the header."""
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    reader = csv.reader(text, strict=True)
    line = 1
    try:
        header = next(reader, None)
        if header is None:
            raise ImportFailed("the file is empty: expected a header row")
        problem = csvio.header_problem(header)
        if problem:
            raise ImportFailed(f"line 1: wrong header: {problem}")
        parser.header = tuple(name.strip() for name in header)
        while True:
            line = reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                return
            if cells:  # a blank line is no row
                yield line, cells
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            f"the file is not UTF-8 text: bytes near line {line} cannot be read "
            f"({exc.reason}); save it as 'CSV UTF-8'"
        ) from None
    except csv.Error as exc:
        raise ImportFailed(f"line {line}: the CSV cannot be read: {exc}") from None
    finally:
        text.detach()
