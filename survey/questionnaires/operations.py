"""Publishing questionnaire versions into the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import published
from .definition import Definition, builtin
from .models import Item, Questionnaire


class VersionConflict(ValueError):
    """A definition differs from the version already published under its number."""


def publish(session: Session, definition: Definition) -> tuple[Questionnaire, bool]:
    """Store a definition as a new version; return it and whether it was new.

    Publishing the same content again is a no-op. Different content under an
    existing ``code@version`` is refused: a changed wording needs a new version,
    so that old answers keep the wording they were given under.
    """
    existing = session.scalar(
        select(Questionnaire).filter_by(code=definition.code, version=definition.version)
    )
    if existing is not None:
        if existing.checksum != definition.checksum:
            raise VersionConflict(
                f"{definition.key} is already published with different content; "
                f"publish the change as version {latest_version(session, definition.code) + 1}"
            )
        return existing, False
    questionnaire = Questionnaire(
        code=definition.code,
        version=definition.version,
        title=definition.title,
        checksum=definition.checksum,
        definition=dict(definition.raw),
        items=[
            Item(
                code=item.code,
                position=position,
                kind=item.kind,
                max_value=item.max_value,
                allow_na=item.allow_na,
            )
            for position, item in enumerate(definition.items, start=1)
        ],
    )
    session.add(questionnaire)
    session.flush()
    published.forget()  # this process takes answers to the new version at once
    return questionnaire, True


def publish_builtin(session: Session) -> list[str]:
    """Make every definition shipped with the code available; return the new keys."""
    return [d.key for d in builtin() if publish(session, d)[1]]


def latest_version(session: Session, code: str) -> int:
    versions = session.scalars(select(Questionnaire.version).filter_by(code=code)).all()
    return max(versions, default=0)


def find(session: Session, key: str) -> Questionnaire | None:
    """Look up ``code@version`` (e.g. ``core@1``)."""
    code, _, version = key.partition("@")
    if not version.isdigit():
        return None
    return session.scalar(select(Questionnaire).filter_by(code=code, version=int(version)))
