"""Invitation codes: single use, unknown/used codes refused in the locale, nothing linkable."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select

from survey.database import db
from survey.form import invitations, messages
from survey.form.models import InvitationCode

from .submitting import GOOD, open_form, post, stored
from .test_submit import in_locale


@pytest.fixture
def site(make_site):
    return make_site("WI", "Wiesbaden", invitation_required=True)


@pytest.fixture
def codes(site) -> list[str]:
    with db.engine.begin() as conn:
        return invitations.generate(conn, site.id, 3)


def test_only_hashes_are_stored(codes) -> None:
    hashes = set(db.session.scalars(select(InvitationCode.code_hash)))
    assert len(hashes) == 3
    assert not set(codes) & hashes
    assert {invitations.code_hash(c) for c in codes} == hashes


def test_a_code_admits_one_response(client: FlaskClient, codes) -> None:
    url = f"/s/WI?lang=fr&c={codes[0]}"
    fields = open_form(client, url)
    first = post(client, url, GOOD, fields)
    assert first.status_code == 303
    again = post(client, url, GOOD, fields)  # the same response once more: still thanks
    assert again.status_code == 303
    assert stored() == 1
    other = post(
        client, url, GOOD, {**fields, "response_id": "8c7d3c9e-1111-4a4a-9b9b-000000000001"}
    )
    assert other.status_code == 403
    assert in_locale("fr", messages.CODE_USED) in other.get_data(as_text=True)
    assert stored() == 1
    shown = client.get(url)
    assert shown.status_code == 403
    assert in_locale("fr", messages.CODE_USED) in shown.get_data(as_text=True)
    used = db.session.scalars(
        select(InvitationCode.used_at).where(InvitationCode.used_at.is_not(None))
    ).one()
    assert (used.hour, used.minute, used.second) == (0, 0, 0)  # the day only


@pytest.mark.parametrize("query", ["", "&c=NOTACODE00"])
def test_a_missing_or_unknown_code_is_refused_in_the_locale(
    client: FlaskClient, codes, query: str
) -> None:
    response = client.get(f"/s/WI?lang=ar{query}")
    assert response.status_code == 403
    assert in_locale("ar", messages.CODE_UNKNOWN) in response.get_data(as_text=True)
    posted = client.post(f"/s/WI?lang=ar{query}", data=GOOD)
    assert posted.status_code in (400, 403)
    assert stored() == 0


def test_codes_are_typed_loosely(client: FlaskClient, codes) -> None:
    sloppy = "-".join([codes[1][:5].lower(), codes[1][5:]])
    assert client.get(f"/s/WI?c={sloppy}").status_code == 200


def test_the_cli_prints_a_batch(runner: FlaskCliRunner, site) -> None:
    result = runner.invoke(args=["invitations", "generate", "WI", "--count", "5"])
    assert result.exit_code == 0, result.output
    printed = result.output.split()
    assert len(set(printed)) == 5
    assert all(len(c) == invitations.LENGTH for c in printed)
    bad = runner.invoke(args=["invitations", "generate", "WI", "--count", "0"])
    assert bad.exit_code != 0
    assert db.session.scalar(select(db.func.count()).select_from(InvitationCode)) == 5
