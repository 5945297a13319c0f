"""Where each role lands after signing in, the staff menu by role, and the breadcrumb."""

from __future__ import annotations

from datetime import date

import pytest

from tests.survey.staff import sign_in


@pytest.fixture
def two_sites(make_site):
    return make_site("WI", "Wiesbaden"), make_site("GI", "Gießen")


def _land(app, user) -> tuple[str, str]:
    """Sign in, follow the redirects; the final path and page."""
    client = app.test_client()
    response = sign_in(client, user)
    assert response.status_code == 302
    page = client.get(response.location, follow_redirects=True)
    return page.request.path, page.get_data(as_text=True)


def test_each_role_lands_on_its_own_page(app, make_user, two_sites):
    wi, gi = two_sites
    assert _land(app, make_user("a", "admin", totp=True))[0] == "/admin/"
    assert _land(app, make_user("p", "provider"))[0] == "/dashboard/"
    assert _land(app, make_user("l", "lead", [wi]))[0] == "/dashboard/WI"
    assert _land(app, make_user("v", "viewer", [gi]))[0] == "/dashboard/GI"
    path, page = _land(app, make_user("l2", "lead", [wi, gi]))
    assert path == "/start"
    assert 'href="/dashboard/WI">Wiesbaden (WI)</a>' in page
    assert 'href="/dashboard/GI">Gießen (GI)</a>' in page


def test_start_page_shows_each_sites_headline(app, make_user, two_sites, make_site, make_response):
    wi, gi = two_sites
    # GI (n = 1) is hidden, and one more site with it so that the network total does not
    # give it away: the policy takes cells under 30 first, so OF (n = 20), not WI (n = 32);
    # OF mixes top-two and other answers, so the hidden pair proves nothing about GI's one;
    # a complement is known to hold 10 or more: with OF at 10, GI would be pinned to 0..1
    # and WI hidden as well
    other = make_site("OF", "Offenbach")
    for day in range(1, 21):
        make_response(other, {"overall": (4 if day % 2 else 2,)}, day=date(2016, 3, day))
    for k in range(32):
        make_response(wi, {"overall": (5 if k % 4 else 2,)}, day=date(2016, 3, 1 + k % 28))
    make_response(gi, {"overall": (5,)}, day=date(2016, 3, 1))
    page = _land(app, make_user("l2", "lead", [wi, gi]))[1]
    row_wi = page.split("Wiesbaden (WI)")[1].split("</tr>")[0]
    assert "04/2015 – 03/2016" in row_wi and "75,0" in row_wi and ">32<" in row_wi
    row_gi = page.split("Gießen (GI)")[1].split("</tr>")[0]
    assert "weniger als 10 Antworten" in row_gi and "100" not in row_gi


def _nav(page: str) -> str:
    return page.split('class="staff-nav"')[1].split("</nav>")[0]


def test_menu_by_role_dashboards_first(app, make_user, two_sites):
    wi, _gi = two_sites
    lead = _nav(_land(app, make_user("l", "lead", [wi]))[1])
    assert lead.index("Dashboard Wiesbaden") < lead.index("Kommentare") < lead.index("Abmelden")
    for label in ("Bericht und Rohdaten", "Maßnahmen", "Hinweis-Regeln"):
        assert label in lead
    assert "Netzwerk-Übersicht" not in lead and "Benutzer" not in lead
    viewer = _nav(_land(app, make_user("v", "viewer", [wi]))[1])
    assert "Dashboard Wiesbaden" in viewer
    assert "Kommentare" not in viewer and "Hinweis-Regeln" not in viewer
    provider = _nav(_land(app, make_user("p", "provider"))[1])
    assert provider.index("Netzwerk-Übersicht") < provider.index("Wellenvergleich")
    assert "Veröffentlichung" in provider and "Benutzer" not in provider
    admin = _nav(_land(app, make_user("a", "admin", totp=True))[1])
    assert admin.index("Netzwerk-Übersicht") < admin.index("Benutzer") < admin.index("Protokoll")


def test_every_staff_page_has_a_breadcrumb_home(app, make_user, two_sites):
    _wi, _gi = two_sites
    client = app.test_client()
    sign_in(client, make_user("a", "admin", totp=True))
    for path in (
        "/admin/",
        "/admin/sites",
        "/admin/users",
        "/admin/devices",
        "/admin/translations",
        "/admin/audit",
        "/account",
        "/dashboard/",
        "/dashboard/waves",
        "/dashboard/WI",
        "/dashboard/WI/measures",
        "/dashboard/WI/alerts",
        "/dashboard/WI/comments",
        "/admin/sites/WI/settings",
        "/reports/network",
        "/reports/site/WI",
        "/exports/site/WI",
    ):
        page = client.get(path).get_data(as_text=True)
        crumbs = page.split('class="breadcrumb"')[1].split("</nav>")[0]
        assert '<a href="/start">Start</a>' in crumbs, path
        if "/WI/" in path:  # a page about one site leads back to its dashboard, by name
            assert '<a href="/dashboard/WI">Wiesbaden</a>' in crumbs, path


def test_signed_in_user_visiting_login_goes_to_the_landing_page(app, make_user, two_sites):
    client = app.test_client()
    sign_in(client, make_user("l", "lead", [two_sites[0]]))
    assert client.get("/login").location == "/start"
    assert client.get("/start").location == "/dashboard/WI"
