"""The period a dashboard opens on, and empty or too-small periods (small fixture data)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.survey.staff import sign_in


@pytest.fixture
def wi(make_site):
    return make_site("WI", "Wiesbaden")


@pytest.fixture
def lead(app, make_user, wi):
    client = app.test_client()
    sign_in(client, make_user("lead", "lead", [wi]))
    return client


def _old_data(make_response, site, n=30):
    for k in range(n):
        make_response(site, {"overall": (4 + k % 2,)}, day=date(2016, 1 + k % 6, 10))


def test_one_late_answer_does_not_empty_the_default_period(lead, wi, make_response):
    _old_data(make_response, wi)
    make_response(wi, {"overall": (5,)}, day=date(2018, 5, 2))  # after a long gap
    page = lead.get("/dashboard/WI").get_data(as_text=True)
    assert "Zeitraum: 07/2015 bis 06/2016" in page
    assert 'id="period-moved"' in page
    assert 'id="coverage"' not in page
    assert 'id="fig-trend"' in page
    # the links from the page keep the period shown
    assert "from=2015-07&amp;to=2016-06" in page


def test_the_default_period_is_the_last_12_months_when_they_have_answers(lead, wi, make_response):
    _old_data(make_response, wi)
    page = lead.get("/dashboard/WI").get_data(as_text=True)
    assert "Zeitraum: 07/2015 bis 06/2016" in page
    assert 'id="period-moved"' not in page


@pytest.mark.parametrize(
    ("query", "shown", "title"),
    [
        ("period=quarter", "03/2018 bis 05/2018", "Zu wenige Antworten"),
        ("period=custom&from=2017-01&to=2017-03", "01/2017 bis 03/2017", "Keine Antworten"),
    ],
)
def test_an_empty_or_small_period_says_so_once_and_links_to_data(
    lead, wi, make_response, query, shown, title
):
    _old_data(make_response, wi)
    for k in range(4):
        make_response(wi, {"overall": (5,)}, day=date(2018, 5, 2 + k))
    page = lead.get(f"/dashboard/WI?{query}").get_data(as_text=True)
    assert f"Zeitraum: {shown}" in page
    assert page.count('class="coverage"') == 1
    section = page.split('id="coverage"')[1].split("</section>")[0]
    assert f"{title} in diesem Zeitraum" in section
    link = re.search(r'href="(/dashboard/WI\?[^"]+)"', section).group(1).replace("&amp;", "&")
    assert "period=custom&from=2016-04&to=2016-06" in link
    # no charts with broken axes, no cards that disagree, no report for nothing
    assert "data-figure" not in page and 'class="card"' not in page
    assert "n = –" not in page and "Standortbericht als PDF" not in page
    shown_page = lead.get(link).get_data(as_text=True)
    assert 'id="coverage"' not in shown_page and 'id="fig-trend"' in shown_page


def test_network_overview_with_an_empty_period(app, make_user, wi, make_response):
    _old_data(make_response, wi)
    client = app.test_client()
    sign_in(client, make_user("p", "provider"))
    make_response(wi, {"overall": (5,)}, day=date(2018, 5, 2))
    page = client.get("/dashboard/?period=quarter").get_data(as_text=True)
    assert "Zu wenige Antworten in diesem Zeitraum" in page
    assert "data-figure" not in page
    assert "from=2016-04&amp;to=2016-06" in page
    assert 'href="/dashboard/WI?' in page and "Wiesbaden (WI)" in page


def test_csat_card_labels_each_comparison(lead, wi, make_site, make_response):
    _old_data(make_response, wi)
    _old_data(make_response, make_site("GI", "Gießen"))
    page = lead.get("/dashboard/WI").get_data(as_text=True)
    card = page.split("<h3>Zufriedenheit (CSAT)</h3>")[1].split('<div class="card">')[0]
    assert "Netzwerk insgesamt (alle Standorte, mit diesem)" in card
    assert "Abstand dieses Standorts zum übrigen Netzwerk (ohne diesen Standort)" in card
    assert "Vorperiode (07/2014 bis 06/2015)" in card
    assert "<p>Netzwerk:" not in card
