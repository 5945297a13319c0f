from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from survey.access import Capability, Scope, scope_for, unrestricted
from survey.access.capabilities import PERMISSIONS
from survey.audit.models import AuditEvent
from survey.database import db
from survey.responses.models import Comment, Response
from survey.responses.tallies import AnswerTally


@pytest.fixture
def two_sites(make_site, make_response):
    own, foreign = make_site("AA"), make_site("BB")
    for site in (own, foreign):
        for i in range(3):
            make_response(site, day=date(2016, 3, 1 + i), comment=f"{site.code}-{i}")
    return own, foreign


def test_permission_table_matches_the_issue():
    assert PERMISSIONS["admin"] == frozenset(Capability)
    assert Capability.USERS not in PERMISSIONS["provider"]
    assert {Capability.COMMENTS, Capability.EXPORTS} & PERMISSIONS["viewer"] == set()
    assert {Capability.DEVICES, Capability.SITE_SETTINGS} <= PERMISSIONS["lead"]
    assert Capability.COMPARE not in PERMISSIONS["lead"]


def test_site_bound_roles_see_their_sites_only(two_sites, make_user):
    own, _ = two_sites
    lead = make_user("lead", "lead", [own])
    viewer = make_user("viewer", "viewer", [own])
    provider = make_user("provider", "provider")
    comments = scope_for(lead, Capability.COMMENTS)
    assert comments.site_ids == {own.id}
    texts = db.session.scalars(comments.select(Comment, Comment.text)).all()
    assert sorted(texts) == ["AA-0", "AA-1", "AA-2"]
    assert db.session.scalar(comments.select(Comment, func.count())) == 3
    tallied = db.session.scalars(
        scope_for(lead, Capability.DASHBOARD).select(AnswerTally, AnswerTally.site_id)
    ).all()
    assert set(tallied) == {own.id}
    # a viewer has no comments capability: the scope is empty, not "own sites"
    assert scope_for(viewer, Capability.COMMENTS).nothing
    assert db.session.scalars(scope_for(viewer, Capability.COMMENTS).select(Comment)).all() == []
    # network roles see every site
    everything = scope_for(provider, Capability.COMMENTS)
    assert everything.everything
    assert db.session.scalar(everything.select(Response, func.count())) == 6


def test_inactive_and_anonymous_users_see_nothing(two_sites, make_user):
    own, _ = two_sites
    gone = make_user("gone", "lead", [own], active=False)
    assert scope_for(gone, Capability.DASHBOARD).nothing
    assert scope_for(None, Capability.DASHBOARD).nothing


def test_foreign_site_and_rows_are_not_found(app, two_sites, make_user):
    own, foreign = two_sites
    scope = scope_for(make_user("lead", "lead", [own]), Capability.SITE_SETTINGS)
    with app.test_request_context():
        assert scope.site_or_404("aa").id == own.id
        with pytest.raises(NotFound):
            scope.site_or_404("BB")
        with pytest.raises(NotFound):
            scope.site_or_404("NOPE")
        foreign_response = db.session.scalar(select(Response.id).filter_by(site_id=foreign.id))
        with pytest.raises(NotFound):
            scope.get_or_404(Response, foreign_response)


def test_unscoped_models_cannot_be_selected():
    with pytest.raises(TypeError, match="AuditEvent"):
        unrestricted(Capability.AUDIT).select(AuditEvent)
    assert Scope(Capability.DASHBOARD, frozenset()).allows(1) is False
