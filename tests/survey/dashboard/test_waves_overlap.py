"""The wave comparison refuses overlapping waves (page, CSV and the publication's form)."""

from __future__ import annotations

from tests.survey.staff import post_form, sign_in


def _provider(app, make_user):
    client = app.test_client()
    assert sign_in(client, make_user("prov", "provider")).status_code == 302
    return client


def test_overlapping_waves_are_refused_with_a_message(app, make_user, make_site):
    make_site("WI", "Wiesbaden")
    client = _provider(app, make_user)
    page = client.get("/dashboard/waves?a=2016-01:2016-06&b=2016-06:2016-12")
    text = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "überschneiden sich (2016-06 bis 2016-06)" in text and 'role="alert"' in text
    assert "<table" not in text
    csv = client.get("/dashboard/waves.csv?a=2016-01:2016-06&b=2016-03:2016-04")
    assert csv.status_code == 400 and "überschneiden sich" in csv.get_data(as_text=True)
    fine = client.get("/dashboard/waves?a=2016-01:2016-05&b=2016-06:2016-12")
    assert fine.status_code == 200 and "überschneiden" not in fine.get_data(as_text=True)


def test_the_publication_form_refuses_overlapping_waves(app, make_user, make_site):
    make_site("WI", "Wiesbaden")
    client = _provider(app, make_user)
    form = {"start": "2016-01-01", "end": "2016-12-31", "lang": "de",
            "a": "2016-01-01:2016-06-30", "b": "2016-06-30:2016-12-31"}  # fmt: skip
    refused = post_form(client, "/reports/network", form)
    assert refused.status_code == 200
    assert "Die Wellen überschneiden sich" in refused.get_data(as_text=True)
