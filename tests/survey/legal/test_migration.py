"""Migration 0022 gives existing sites empty legal details and keeps every response."""

from __future__ import annotations

import uuid

from sqlalchemy import text

from survey.database import migrations


def test_0022_adds_empty_details_and_keeps_the_responses(empty_engine):
    migrations.upgrade(empty_engine)
    migrations.downgrade(empty_engine, "0021")
    with empty_engine.begin() as conn:
        conn.execute(text("INSERT INTO site (code, name, locales, default_locale, enabled, "
                          "kiosk_idle_seconds, kiosk_min_interval_seconds, "
                          "comment_retention_days, invitation_required, created_at) VALUES "
                          "('WI', 'Wiesbaden', '[]', 'de', true, 45, 15, 365, false, "
                          "CURRENT_TIMESTAMP)"))  # fmt: skip
        site = conn.scalar(text("SELECT id FROM site"))
        qid = conn.scalar(text("SELECT id FROM questionnaire"))
        rid = uuid.UUID(int=1)
        conn.execute(
            text("INSERT INTO response (id, site_id, questionnaire_id, channel, locale, day, "
                 "flagged) VALUES (:id, :site, :q, 'online', 'de', '2016-03-01', false)"),
            {"id": rid.hex if empty_engine.dialect.name == "sqlite" else rid,
             "site": site, "q": qid},
        )  # fmt: skip
    migrations.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        row = conn.execute(
            text("SELECT legal_name, dpo_contact, supervisory_authority, accessibility_reviewed "
                 "FROM site")
        ).one()  # fmt: skip
        assert tuple(row) == ("", "", "", None)
        assert conn.scalar(text("SELECT count(*) FROM response")) == 1
    migrations.downgrade(empty_engine, "0021")
    with empty_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM response")) == 1
