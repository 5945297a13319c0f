"""A short excerpt of scrubbed comments, in their original script (docs/methodology.md §4).

Comments are stored scrubbed; the excerpt shows text and language only, never a
date or time, and only when the site's ``overall`` cell for the period is shown
(n ≥ 10) — the caller checks that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, Uuid, column, select, table

from ..source import site_t

comment_t = table("comment", column("response_id", Uuid), column("text"))
response_t = table(
    "response",
    column("id", Uuid),
    column("site_id"),
    column("locale"),
    column("day"),
    column("flagged"),
)


@dataclass(frozen=True)
class Comment:
    locale: str
    text: str


def excerpt(bind: Engine, site: str, start: date, end: date, *, limit: int = 6) -> list[Comment]:
    """Up to ``limit`` comments of the period, at most one per language first."""
    query = (
        select(response_t.c.locale, comment_t.c.text)
        .join(response_t, response_t.c.id == comment_t.c.response_id)
        .join(site_t, site_t.c.id == response_t.c.site_id)
        .where(site_t.c.code == site, response_t.c.day.between(start, end))
        .where(response_t.c.flagged.is_(False))
        .order_by(response_t.c.locale, response_t.c.id)
        .limit(2000)
    )
    with bind.connect() as conn:
        found = [Comment(locale, text) for locale, text in conn.execute(query)]
    first: dict[str, Comment] = {}
    for comment in found:
        first.setdefault(comment.locale, comment)
    chosen = list(first.values())[:limit]
    return chosen + [c for c in found if c not in chosen][: max(0, limit - len(chosen))]
