"""Measures with a type and targeted items: defaults, the form (lead: own site; provider:
all), changes, the CSV import (atomic), the audit log."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from survey.audit.models import AuditEvent
from survey.database import db
from survey.measures.models import Measure
from tests.survey.staff import post_form, sign_in

HEADER = "site,day,type,label,note,items,rollout_until,end_day\n"


def _all() -> list[Measure]:
    return list(db.session.scalars(select(Measure).order_by(Measure.id)))


def test_cli_type_defaults_items_and_refuses_bad_input(runner, make_site):
    make_site("AA")
    for args, message in (
        (["--type", "magic"], "unknown type"),
        (["--type", "appointments", "--item", "comment"], "not an item"),
        (["--end", "2016-02-01"], "end day lies before"),
        (["--rollout-until", "2016-13-01"], "not a date"),
    ):
        result = runner.invoke(args=["measures", "add", "AA", "2016-03-01", "X", *args])
        assert result.exit_code != 0 and message in result.output, args
    assert _all() == []
    done = runner.invoke(
        args=["measures", "add", "AA", "2016-03-01", "Termine", "--type", "appointments"]
    )
    assert done.exit_code == 0, done.output
    runner.invoke(
        args=[
            "measures",
            "add",
            "AA",
            "2016-04-01",
            "Dolmetschen",
            "--type",
            "language_mediation",
            "--item",
            "communication",
            "--end",
            "2017-01-31",
        ]
    )
    first, second = _all()
    assert (first.type, first.targets) == ("appointments", ["appointment", "waiting"])
    assert (second.targets, second.end_day) == (["communication"], date(2017, 1, 31))
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()[-1]
    assert (
        event.details["type"] == "language_mediation" and event.details["items"] == "communication"
    )


def test_csv_import_is_atomic_and_names_bad_rows(runner, make_site, tmp_path):
    make_site("AA")
    make_site("BB")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "AA,2015-01-01,signage,Schilder,,,,\n"
        + "ZZ,2015-01-01,signage,Schilder,,,,\n"
        + "BB,2015-02-30,signage,Schilder,,,,\n"
        + "BB,2015-02-01,nonsense,X,,,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["measures", "import", str(bad)])
    assert result.exit_code != 0
    for expected in ("line 3: unknown site", "line 4: day is not a date", "line 5: unknown type"):
        assert expected in result.output
    assert _all() == []
    good = tmp_path / "good.csv"
    good.write_text(
        HEADER
        + "AA,2015-01-01,signage,Schilder,alt,,,\n"
        + "bb,2015-02-01,language_mediation,X,,,,\n"
        + "BB,2015-06-01,appointments,Online,,waiting;appointment,2015-07-15,\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["measures", "import", str(good)])
    assert result.exit_code == 0 and "Imported 3" in result.output, result.output
    rows = _all()
    assert [(m.type, m.items) for m in rows] == [
        ("signage", "overall"),
        ("language_mediation", "communication,understood"),
        ("appointments", "waiting,appointment"),
    ]
    assert rows[2].rollout_until == date(2015, 7, 15)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("site,when,label\nAA,2015-01-01,X\n", encoding="utf-8")
    result = runner.invoke(args=["measures", "import", str(wrong)])
    assert result.exit_code != 0 and "lacks the column(s) day" in result.output
    count = select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "measures.add")
    assert db.session.scalar(count) == 3


def test_lead_records_type_and_edits_own_provider_edits_all(app, make_site, make_user):
    own, foreign = make_site("AA"), make_site("BB")
    lead = app.test_client()
    sign_in(lead, make_user("lead", "lead", [own]))
    done = post_form(
        lead,
        "/dashboard/AA/measures",
        {"day": "2016-04-01", "label": "Termine", "type": "appointments"},
    )
    assert done.status_code == 302
    measure = _all()[0]
    assert measure.targets == ["appointment", "waiting"]
    page = lead.get("/dashboard/AA/measures").get_data(as_text=True)
    assert "Terminsystem / Online-Buchung" in page and "appointment, waiting" in page
    assert '<optgroup label="Interkulturelle Kompetenz der Mitarbeitenden">' in page
    bad = post_form(
        lead,
        f"/dashboard/AA/measures/{measure.id}",
        {"day": "2016-04-01", "label": "Termine", "type": "appointments", "end_day": "2016-01-01"},
        page=f"/dashboard/AA/measures/{measure.id}",
    )
    assert bad.status_code == 400 and "end day lies before" in bad.get_data(as_text=True)
    assert _all()[0].end_day is None
    assert lead.get(f"/dashboard/BB/measures/{measure.id}").status_code in (403, 404)
    provider = app.test_client()
    sign_in(provider, make_user("provider", "provider"))
    path = f"/dashboard/AA/measures/{measure.id}"
    assert 'value="2016-04-01"' in provider.get(path).get_data(as_text=True)
    changed = post_form(
        provider,
        path,
        {
            "day": "2016-05-01",
            "label": "Termine neu",
            "type": "appointments",
            "items": ["waiting"],
            "end_day": "2017-05-31",
        },
    )
    assert changed.status_code == 302, changed.get_data(as_text=True)
    db.session.expire_all()
    m = _all()[0]
    assert (m.day, m.label, m.items, m.end_day) == (
        date(2016, 5, 1),
        "Termine neu",
        "waiting",
        date(2017, 5, 31),
    )
    assert foreign.id != m.site_id
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "measures.update")
    ).one()
    assert event.details["before"]["label"] == "Termine" and event.details["label"] == "Termine neu"
