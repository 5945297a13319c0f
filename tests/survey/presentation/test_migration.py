"""Migration 0021 keeps every stored response and backfills what each channel showed."""

from __future__ import annotations

import uuid

from sqlalchemy import text

from survey.database import migrations


def test_0021_keeps_the_answers_and_backfills_by_channel(empty_engine):
    migrations.upgrade(empty_engine)  # publishes core@1
    migrations.downgrade(empty_engine, "0017")
    with empty_engine.begin() as conn:
        conn.execute(text("INSERT INTO site (code, name, locales, default_locale, enabled, "
                          "kiosk_idle_seconds, kiosk_min_interval_seconds, "
                          "comment_retention_days, invitation_required, created_at) VALUES "
                          "('WI', 'Wiesbaden', '[]', 'de', true, 45, 15, 365, false, "
                          "CURRENT_TIMESTAMP)"))  # fmt: skip
        site = conn.scalar(text("SELECT id FROM site"))
        qid = conn.scalar(text("SELECT id FROM questionnaire"))
        item = conn.scalar(text("SELECT id FROM item WHERE code = 'overall'"))
        for n, channel in enumerate(("online", "kiosk", "paper")):
            rid = uuid.UUID(int=n + 1)
            conn.execute(
                text("INSERT INTO response (id, site_id, questionnaire_id, channel, locale, day, "
                     "flagged) VALUES (:id, :site, :q, :channel, 'de', '2016-03-01', false)"),
                {"id": rid.hex if empty_engine.dialect.name == "sqlite" else rid,
                 "site": site, "q": qid, "channel": channel},
            )  # fmt: skip
            conn.execute(
                text("INSERT INTO answer (response_id, item_id, value) VALUES (:id, :item, 4)"),
                {"id": rid.hex if empty_engine.dialect.name == "sqlite" else rid, "item": item},
            )
    migrations.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM answer")) == 3
        shown = dict(conn.execute(text("SELECT channel, presentation FROM response")).all())
        assert shown == {"online": 1, "kiosk": 0, "paper": None}
        assert conn.scalar(text("SELECT scale_presentation FROM site")) == 1
    migrations.downgrade(empty_engine, "0017")
    with empty_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM answer")) == 3
        assert conn.scalar(text("SELECT count(*) FROM response")) == 3
