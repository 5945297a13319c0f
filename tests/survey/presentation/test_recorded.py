"""Each response records how the 1–5 scale was shown: form, kiosk, export, import."""

from __future__ import annotations

import csv
import uuid

import pytest
from sqlalchemy import func, select

from survey.database import db
from survey.responses import presentation
from survey.responses.csvio import EXPORT_HEADER, HEADER
from survey.responses.exporter import Selection, export
from survey.responses.importer import import_csv
from survey.responses.models import Response

from ..form.submitting import GOOD, post
from ..kiosk.conftest import bearer


def _stored() -> list[int | None]:
    db.session.expire_all()
    return list(db.session.scalars(select(Response.presentation).order_by(Response.day)))


@pytest.mark.parametrize("version", [presentation.WORDS, presentation.FACES])
def test_the_form_records_the_sites_setting(client, make_site, version):
    make_site("WI", "Wiesbaden", scale_presentation=version)
    assert post(client, "/s/WI?lang=de", GOOD).status_code == 303
    assert _stored() == [version]


def test_a_form_field_cannot_claim_another_presentation(client, make_site):
    make_site("WI", "Wiesbaden", scale_presentation=presentation.WORDS)
    assert post(client, "/s/WI?lang=de", {**GOOD, "presentation": "2"}).status_code == 400
    assert _stored() == []  # "presentation" is no item: the answers are refused, not stored


def test_new_sites_show_faces(make_site):
    assert make_site("WI", "Wiesbaden").scale_presentation == presentation.FACES


def _kiosk_response(**fields):
    body = {
        "id": str(uuid.uuid4()),
        "locale": "de",
        "questionnaire": "core@1",
        "answers": {"overall": 5},
    }
    return {**body, **fields}


def test_the_kiosk_bundle_carries_the_setting_and_responses_record_it(client, token, kiosk_site):
    bundle = client.get("/kiosk/api/bundle", headers=bearer(token)).get_json()
    assert bundle["settings"]["presentation"] == presentation.FACES
    assert bundle["settings"]["faces"] is True
    assert bundle["texts"]["de"]["digits"][:3] == ["0", "1", "2"]
    sent = client.post(
        "/kiosk/api/responses", json=_kiosk_response(presentation=1), headers=bearer(token)
    )
    assert sent.status_code == 201
    # an older client that sends none: the site's setting
    assert (
        client.post(
            "/kiosk/api/responses", json=_kiosk_response(), headers=bearer(token)
        ).status_code
        == 201
    )
    assert sorted(_stored()) == [1, 2]


@pytest.mark.parametrize("bad", [0, 3, "2", 2.0, True, [2]])
def test_the_kiosk_cannot_send_an_unknown_presentation(client, token, bad):
    sent = client.post(
        "/kiosk/api/responses", json=_kiosk_response(presentation=bad), headers=bearer(token)
    )
    assert sent.status_code == 400
    assert sent.get_json()["errors"] == {"presentation": "unknown_presentation"}
    assert _stored() == []


def test_the_persian_kiosk_numbers_its_steps_in_persian_digits(client, make_site, pair):
    site = make_site("FA", "Teheranstr.", locales=["fa", "de"], default_locale="fa")
    bundle = client.get("/kiosk/api/bundle", headers=bearer(pair(site))).get_json()
    assert bundle["texts"]["fa"]["digits"][1:6] == ["۱", "۲", "۳", "۴", "۵"]


def test_the_day_export_names_the_presentation_and_imports_back(
    client, engine, make_site, tmp_path
):
    site = make_site("WI", "Wiesbaden", scale_presentation=presentation.WORDS)
    post(client, "/s/WI?lang=de", GOOD)
    site.scale_presentation = presentation.FACES
    db.session.commit()
    post(client, "/s/WI?lang=de", GOOD)
    out = tmp_path / "out.csv"
    assert export(engine, "csv", out, Selection()) == 2
    with out.open(encoding="utf-8") as fh:
        lines = list(csv.reader(fh))
    assert tuple(lines[0]) == EXPORT_HEADER and EXPORT_HEADER[: len(HEADER)] == HEADER
    assert sorted(line[-1] for line in lines[1:]) == ["faces", "words"]
    book = (tmp_path / "out.codebook.csv").read_text(encoding="utf-8")
    assert "presentation" in book and "kiosk-faces-no-numbers" in book

    db.session.execute(Response.__table__.delete())
    db.session.commit()
    assert import_csv(engine, out).imported == 2
    assert sorted(_stored()) == [1, 2]


def test_an_import_with_the_plain_header_leaves_presentation_unknown(engine, make_site, tmp_path):
    make_site("WI", "Wiesbaden")
    path = tmp_path / "in.csv"
    cells = dict.fromkeys(HEADER, "")
    cells.update(site="WI", date="2016-03-01", channel="paper", locale="de")
    cells.update(questionnaire="core@1", overall="4")
    path.write_text(",".join(HEADER) + "\n" + ",".join(cells.values()) + "\n", encoding="utf-8")
    assert import_csv(engine, path).imported == 1
    assert _stored() == [None]


def test_an_import_with_a_bad_presentation_names_it_and_stores_nothing(engine, make_site, tmp_path):
    make_site("WI", "Wiesbaden")
    path = tmp_path / "in.csv"
    cells = dict.fromkeys(EXPORT_HEADER, "")
    cells.update(site="WI", date="2016-03-01", channel="paper", locale="de")
    cells.update(questionnaire="core@1", overall="4", presentation="smileys")
    path.write_text(
        ",".join(EXPORT_HEADER) + "\n" + ",".join(cells.values()) + "\n", encoding="utf-8"
    )
    result = import_csv(engine, path)
    assert result.imported == 0
    assert "presentation 'smileys'" in result.errors[0].reason
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0


def test_the_sav_export_carries_the_presentation_with_value_labels(
    client, engine, make_site, tmp_path
):
    import pyreadstat

    make_site("WI", "Wiesbaden", scale_presentation=presentation.FACES)
    post(client, "/s/WI?lang=de", GOOD)
    out = tmp_path / "out.sav"
    assert export(engine, "sav", out, Selection()) == 1
    frame, meta = pyreadstat.read_sav(str(out))
    assert list(frame["presentation"]) == [2.0]
    assert meta.variable_value_labels["presentation"][2.0] == "faces"
