"""bench/generate.py: the demo's responses, written in bulk, with tallies equal to a recount."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import create_engine, select, update

from survey.demo.generator import generate
from survey.questionnaires.models import Item
from survey.responses import tallies
from survey.responses.models import Answer, Comment, Response
from survey.sites.models import Site

from ..databases import fresh_database
from ..survey.responses.checks import assert_tallies_match_recount

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "generate.py"


@pytest.fixture(scope="module")
def bulk() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_bulk_generator_stores_the_demo_responses_with_correct_tallies(bulk, tmp_path):
    expected = generate(1500, seed=5)
    with fresh_database(tmp_path) as url:
        engine = create_engine(url)
        try:
            built = bulk.build(engine, 1500, seed=5)
            with engine.begin() as conn:
                stored = _stored(conn, bulk.LOW_BITS)
                assert_tallies_match_recount(conn)
                sites = list(conn.execute(select(Site.id)).scalars())
                assert not any(v for k, v in bulk.mismatches(conn, sites).items()
                               if not k.endswith("counters"))  # fmt: skip
                # the sample check notices a wrong counter
                conn.execute(update(tallies.AnswerTally).values(n=tallies.AnswerTally.n + 1)
                             .where(tallies.AnswerTally.site_id == sites[0]))  # fmt: skip
                assert bulk.mismatches(conn, sites[:1])["tally_answer"] > 0
        finally:
            engine.dispose()
    assert built.responses == len(expected) == len(stored)
    assert built.answers == sum(len(v) for r in expected for v in r.answers.values())
    demo = Counter(
        (r.id.int & bulk.LOW_BITS, r.site, r.day, r.channel, r.locale, r.hour_band,
         tuple(sorted((c, v) for c, vs in r.answers.items() for v in vs)), r.comment)
        for r in expected
    )  # fmt: skip
    assert stored == demo
    ids = sorted(key[0] for key in stored)
    assert len(set(ids)) == len(ids)


def _stored(conn, low_bits: int) -> Counter:
    """Stored responses as (low 80 id bits, site, day, channel, locale, band, answers, comment)."""
    answers: dict = {}
    for rid, code, value in conn.execute(
        select(Answer.response_id, Item.code, Answer.value).join(Item, Item.id == Answer.item_id)
    ):
        answers.setdefault(rid, []).append((code, value))
    comments = dict(conn.execute(select(Comment.response_id, Comment.text)).all())
    rows = conn.execute(
        select(Response.id, Site.code, Response.day, Response.channel, Response.locale,
               Response.hour_band).join(Site, Site.id == Response.site_id)
    )  # fmt: skip
    out: Counter = Counter()
    for rid, site, day, channel, locale, band in rows:
        assert rid.version == 4
        out[(rid.int & low_bits, site, day, channel, locale, band,
             tuple(sorted(answers.get(rid, []))), comments.get(rid))] += 1  # fmt: skip
    return out
