"""The provider switches a site's scale presentation: admin page and CLI, audit-logged."""

from __future__ import annotations

from sqlalchemy import select

from survey.audit.models import AuditEvent
from survey.database import db
from survey.responses import presentation
from tests.survey.staff import post_form, sign_in


def _events() -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).filter_by(action="site.presentation")))


def test_cli_shows_and_switches(runner, make_site):
    site = make_site("WI", "Wiesbaden", scale_presentation=presentation.WORDS)
    shown = runner.invoke(args=["sites", "presentation", "wi"])
    assert (shown.exit_code, shown.output.strip()) == (0, "WI: words")
    switched = runner.invoke(args=["sites", "presentation", "WI", "faces"])
    assert (switched.exit_code, switched.output.strip()) == (0, "WI: faces")
    db.session.refresh(site)
    assert site.scale_presentation == presentation.FACES
    again = runner.invoke(args=["sites", "presentation", "WI", "faces"])
    assert again.output.strip() == "WI: faces (unchanged)"
    [event] = _events()
    assert (event.actor, event.details) == ("cli", {"before": "words", "after": "faces"})


def test_cli_refuses_bad_input_and_changes_nothing(runner, make_site):
    site = make_site("WI", "Wiesbaden", scale_presentation=presentation.WORDS)
    bad = runner.invoke(args=["sites", "presentation", "WI", "smileys"])
    assert bad.exit_code != 0 and "unknown presentation 'smileys'" in bad.output
    assert "Traceback" not in bad.output
    unknown = runner.invoke(args=["sites", "presentation", "XX", "faces"])
    assert unknown.exit_code != 0 and "no site XX" in unknown.output
    db.session.refresh(site)
    assert site.scale_presentation == presentation.WORDS and _events() == []


def test_the_provider_switches_on_the_admin_page(app, make_site, make_user):
    site = make_site("WI", "Wiesbaden", scale_presentation=presentation.WORDS)
    client = app.test_client()
    sign_in(client, make_user("paula", "provider", totp=True))
    page = client.get("/admin/presentation")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "WI – Wiesbaden" in html and 'name="WI-version"' in html
    done = post_form(
        client, "/admin/presentation/WI", {"WI-version": "2"}, page="/admin/presentation"
    )
    assert done.status_code == 302
    db.session.refresh(site)
    assert site.scale_presentation == presentation.FACES
    [event] = _events()
    assert event.actor == "paula"


def test_bad_input_on_the_admin_page_is_a_clear_400(app, make_site, make_user):
    site = make_site("WI", "Wiesbaden", scale_presentation=presentation.WORDS)
    client = app.test_client()
    sign_in(client, make_user("paula", "provider", totp=True))
    for value in ("0", "7", "faces", ""):
        bad = post_form(
            client, "/admin/presentation/WI", {"WI-version": value}, page="/admin/presentation"
        )
        assert bad.status_code == 400, value
    missing = post_form(
        client, "/admin/presentation/NOPE", {"NOPE-version": "2"}, page="/admin/presentation"
    )
    assert missing.status_code == 404
    db.session.refresh(site)
    assert site.scale_presentation == presentation.WORDS and _events() == []


def test_an_office_lead_cannot_switch(app, make_site, make_user):
    site = make_site("WI", "Wiesbaden", scale_presentation=presentation.WORDS)
    client = app.test_client()
    sign_in(client, make_user("lea", "lead", [site], totp=True))
    assert client.get("/admin/presentation").status_code == 403
    assert client.post("/admin/presentation/WI", data={"WI-version": "2"}).status_code in (
        400,
        403,
    )
    db.session.refresh(site)
    assert site.scale_presentation == presentation.WORDS
