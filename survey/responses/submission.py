"""Taking one response from a respondent: validate, scrub, coarsen the time, store once.

Shared by every channel that takes answers from a person (kiosk, online form):
the same :meth:`Definition.validate` applies, free text is scrubbed before it
is stored, and the exact time is reduced to the office's local day plus an
hour band. Nothing is stored when anything is wrong.
"""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, bindparam, select

from survey.questionnaires import published
from survey.questionnaires.definition import Definition, parse
from survey.questionnaires.models import Questionnaire

from .models import CHANNELS, hour_band
from .operations import ItemIndex, NewResponse, record
from .presentation import OFFERED as OFFERED_PRESENTATIONS
from .scrub import scrub

COMMENT_ITEM = "comment"

Status = Literal["stored", "duplicate", "invalid"]


@dataclass(frozen=True)
class RawResponse:
    """What a client sent, unchecked (JSON values or form strings)."""

    id: Any
    locale: Any
    answers: Any
    comment: Any = None
    #: ``code@version`` the answers were given under; ``None``: the latest core version
    questionnaire: Any = None
    #: how the client showed the 1–5 scale (kiosk); ``None``: the site's setting
    presentation: Any = None


@dataclass(frozen=True)
class Outcome:
    status: Status
    #: field or item code → error code; empty unless ``status == "invalid"``
    errors: Mapping[str, str] = field(default_factory=dict)
    response_id: uuid.UUID | None = None

    @property
    def ok(self) -> bool:
        return self.status != "invalid"


def submit(
    conn: Connection,
    site_id: int,
    raw: RawResponse,
    *,
    channel: str,
    now: datetime,
    timezone: ZoneInfo,
    locales: Collection[str],
    device_id: int | None = None,
    flagged: bool = False,
    presentation: int | None = None,
) -> Outcome:
    """Validate ``raw`` and store it once; run inside a transaction.

    ``now`` is the (timezone-aware) moment the answers were given; only its
    local day and hour band are kept. ``locales`` are the locale codes the
    site accepts. ``presentation`` is the site's scale presentation, used when
    the client names none (the online form never does). Returns ``stored``,
    ``duplicate`` (this UUID is stored already: nothing changed) or ``invalid``
    with the errors.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    errors: dict[str, str] = {}
    response_id = _uuid(raw.id)
    if response_id is None:
        errors["id"] = "not_a_uuid"
    if not isinstance(raw.locale, str) or raw.locale not in locales:
        errors["locale"] = "unknown_locale"
    shown = presentation if raw.presentation is None else raw.presentation
    if raw.presentation is not None and (
        type(raw.presentation) is not int or raw.presentation not in OFFERED_PRESENTATIONS
    ):
        errors["presentation"] = "unknown_presentation"
    found = _questionnaire(conn, raw.questionnaire)
    if found is None:
        errors["questionnaire"] = "unknown_questionnaire"
        return Outcome("invalid", errors)
    definition = found.definition
    answers = raw.answers if raw.answers is not None else {}
    if not isinstance(answers, Mapping):
        errors["answers"] = "not_an_object"
        return Outcome("invalid", errors)
    fields = dict(answers)
    if raw.comment is not None:
        if COMMENT_ITEM in fields:
            errors[COMMENT_ITEM] = "given_twice"
        fields[COMMENT_ITEM] = raw.comment
    validated = definition.validate(fields)
    errors.update(validated.errors)
    if errors or response_id is None:
        return Outcome("invalid", errors)
    comment = scrub(validated.comment).strip() if validated.comment else None
    local = now.astimezone(timezone)
    response = NewResponse(
        id=response_id,
        site_id=site_id,
        channel=channel,
        locale=raw.locale,
        day=local.date(),
        hour_band=hour_band(local.hour),
        answers=validated.answers,
        comment=comment or None,
        device_id=device_id,
        flagged=flagged,
        presentation=shown,
    )
    stored = record(conn, response, found.items)
    return Outcome("stored" if stored else "duplicate", {}, response_id)


def _uuid(value: Any) -> uuid.UUID | None:
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class Loaded:
    """A published questionnaire version, parsed, with its item ids."""

    id: int
    definition: Definition
    items: ItemIndex


#: engine → (id, checksum, created_at) → Loaded: parsed once per process.
_LOADED: weakref.WeakKeyDictionary[Engine, dict[tuple[Any, ...], Loaded]] = (
    weakref.WeakKeyDictionary()
)
_LOADED_PER_ENGINE = 64
_DEFINITION = select(Questionnaire.__table__.c.definition).where(
    Questionnaire.__table__.c.id == bindparam("q_id")
)


def _questionnaire(conn: Connection, key: Any) -> Loaded | None:
    """``code@version``, or the latest core version: parsed once per process.

    Which version a key names comes from :func:`published.resolve` (looked up
    at most every few seconds); the definition is read, parsed and its items
    loaded only the first time (this cost a third of a submission before).
    """
    row = published.resolve(conn, None if key is None else str(key))
    if row is None:
        return None
    cache = _LOADED.setdefault(conn.engine, {})
    loaded = cache.get(tuple(row))
    if loaded is None:
        definition = conn.execute(_DEFINITION, {"q_id": row.id}).scalar_one()
        loaded = Loaded(row.id, parse(definition), ItemIndex.load(conn, row.id))
        if len(cache) >= _LOADED_PER_ENGINE:
            cache.clear()
        cache[tuple(row)] = loaded
    return loaded


def current_questionnaire(conn: Connection) -> Definition | None:
    """The newest published version of the core questionnaire (what new answers use)."""
    found = _questionnaire(conn, None)
    return found.definition if found else None
