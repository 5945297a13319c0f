"""Taking one online response from a submitted HTML form (no HTTP here).

The form's field names are the item codes; a few reserved fields carry the
form's own data (CSRF token, response UUID, language, honeypot). Everything
else goes to :func:`survey.responses.submission.submit`, which validates,
scrubs and stores the answers once. Nothing about the client is passed on.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection
from werkzeug.datastructures import MultiDict

from survey.responses.submission import Outcome, RawResponse, submit

from . import invitations

#: The form's own fields; every other field name is an item code.
RESPONSE_ID = "response_id"
LANG = "lang"
CSRF = "csrf_token"
INVITATION = "c"
#: Hidden from people (off-screen, aria-hidden, tabindex=-1); bots fill it in.
HONEYPOT = "contact_url"
RESERVED = frozenset({RESPONSE_ID, LANG, CSRF, INVITATION, HONEYPOT})


@dataclass(frozen=True)
class Taken:
    #: ``stored``, ``duplicate``, ``invalid``, ``ignored`` (honeypot) or ``code_used``
    status: str
    errors: dict[str, str]

    @property
    def thanks(self) -> bool:
        return self.status in ("stored", "duplicate", "ignored")


def answers_of(form: MultiDict) -> dict[str, object]:
    """The answer fields of a submitted form: one value as a string, several as a list."""
    answers: dict[str, object] = {}
    for code in form:
        if code in RESERVED:
            continue
        values = [v for v in form.getlist(code) if v.strip()]
        if values:
            answers[code] = values[0] if len(values) == 1 else values
    return answers


def take(
    conn: Connection,
    site_id: int,
    form: MultiDict,
    *,
    locale: str,
    locales: Collection[str],
    now: datetime,
    timezone: ZoneInfo,
    invitation: str | None = None,
    presentation: int | None = None,
) -> Taken:
    """Validate and store the form's answers once; run inside a transaction.

    A filled honeypot is accepted silently and stores nothing. With an
    invitation code, the code is used up by the first stored response; a
    repeat of that response (same UUID) is a duplicate, not a used code.
    ``presentation`` is the site's scale presentation: what the form showed.
    """
    if form.get(HONEYPOT, "").strip():
        return Taken("ignored", {})
    raw = RawResponse(id=form.get(RESPONSE_ID), locale=locale, answers=answers_of(form))
    outcome: Outcome = submit(
        conn,
        site_id,
        raw,
        channel="online",
        now=now,
        timezone=timezone,
        locales=locales,
        presentation=presentation,
    )
    if outcome.status == "invalid":
        return Taken("invalid", dict(outcome.errors))
    stored = outcome.status == "stored"
    if stored and invitation is not None and not invitations.use(conn, site_id, invitation, now):
        return Taken("code_used", {})
    return Taken(outcome.status, {})
