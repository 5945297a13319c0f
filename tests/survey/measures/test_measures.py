"""Measures: recorded by the CLI and the page (lead of the own site), listed, deleted,
and drawn on the lead dashboard's trend with a row entry in its data table."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from survey.audit.models import AuditEvent
from survey.database import db
from survey.measures.models import Measure
from tests.survey.staff import csrf_token, post_form, sign_in


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Measure))


def test_cli_adds_and_lists_and_refuses_bad_input(runner, make_site):
    make_site("AA")
    make_site("BB")
    for args, message in (
        (["AA", "2016-13-01", "X"], "not a date"),
        (["ZZ", "2016-03-01", "X"], "unknown site"),
        (["AA", "2016-03-01", "   "], "needs a short label"),
        (["AA", "2016-03-01", "x" * 61], "at most 60 characters"),
    ):
        result = runner.invoke(args=["measures", "add", *args])
        assert result.exit_code != 0 and message in result.output, args
    assert _count() == 0
    result = runner.invoke(args=["measures", "add", "aa", "2016-03-01", "Neues Terminsystem"])
    assert result.exit_code == 0, result.output
    runner.invoke(args=["measures", "add", "BB", "2015-01-05", "Wartebereich", "--note", "neu"])
    listed = runner.invoke(args=["measures", "list"]).output.splitlines()
    assert [line.split("\t")[1:4] for line in listed] == [
        ["AA", "2016-03-01", "Neues Terminsystem"],
        ["BB", "2015-01-05", "Wartebereich"],
    ]
    only = runner.invoke(args=["measures", "list", "--site", "BB"]).output
    assert "Wartebereich" in only and "Terminsystem" not in only
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions == ["measures.add", "measures.add"]


def test_lead_adds_and_deletes_viewer_only_reads(app, make_site, make_user):
    own, foreign = make_site("AA"), make_site("BB")
    db.session.add(Measure(site_id=foreign.id, day=date(2016, 1, 1), label="Fremd"))
    db.session.commit()
    foreign_id = db.session.scalar(select(Measure.id))
    lead = app.test_client()
    sign_in(lead, make_user("lead", "lead", [own]))
    bad = post_form(lead, "/dashboard/AA/measures", {"day": "", "label": "Neu"})
    assert bad.status_code == 400 and 'id="day-error"' in bad.get_data(as_text=True)
    assert _count() == 1
    done = post_form(
        lead, "/dashboard/AA/measures", {"day": "2016-04-01", "label": "Neu", "note": "Notiz"}
    )
    assert done.status_code == 302
    page = lead.get("/dashboard/AA/measures").get_data(as_text=True)
    assert "2016-04-01" in page and "Notiz" in page and "Fremd" not in page
    token = csrf_token(lead, "/dashboard/AA/measures")
    gone = lead.post(
        "/dashboard/AA/measures/delete", data={"measure": foreign_id, "csrf_token": token}
    )
    assert gone.status_code == 404 and _count() == 2  # BB's measure, asked through AA
    viewer = app.test_client()
    sign_in(viewer, make_user("viewer", "viewer", [own]))
    page = viewer.get("/dashboard/AA/measures").get_data(as_text=True)
    assert "Neu" in page and 'name="label"' not in page and "Löschen" not in page
    assert post_form(viewer, "/dashboard/AA/measures", {"day": "2016-05-01", "label": "X"},
                     page="/dashboard/AA/measures").status_code == 403  # fmt: skip
    own_id = db.session.scalar(select(Measure.id).where(Measure.site_id == own.id))
    token = csrf_token(lead, "/dashboard/AA/measures")
    done = lead.post("/dashboard/AA/measures/delete", data={"measure": own_id, "csrf_token": token})
    assert done.status_code == 302 and _count() == 1
    actions = select(AuditEvent.action).where(AuditEvent.action.startswith("measures."))
    assert db.session.scalars(actions.order_by(AuditEvent.id)).all() == [
        "measures.add",
        "measures.delete",
    ]


def test_the_trend_chart_marks_measures_and_lists_them(app, make_site, make_response):
    from survey.dashboard import operations
    from survey.dashboard.filters import from_query

    site = make_site("AA")
    for day in range(1, 13):
        make_response(site, day=date(2016, 3, day))
    db.session.add_all(
        [
            Measure(site_id=site.id, day=date(2016, 3, 7), label="Neues Terminsystem"),
            Measure(site_id=site.id, day=date(2010, 1, 1), label="lange her"),
        ]
    )
    db.session.commit()
    with app.test_request_context("/dashboard/AA"):
        f = from_query({}, date(2016, 3, 31), operations.scale_items())
        chart = operations.lead_chart(db.engine, "trend", "AA", site.id, f)
    assert [a.text for a in chart.figure.layout.annotations] == ["Neues Terminsystem"]
    assert [s.x0 for s in chart.figure.layout.shapes] == ["2016-03-07"]
    marks = next(t for t in chart.figure.data if t.name == "Maßnahme")
    assert list(marks.text) == ["Neues Terminsystem"]
    assert chart.columns[-1] == "Maßnahmen"
    march = next(row for row in chart.rows if row[0] == "2016-03")
    assert march[-1] == "07.03.16: Neues Terminsystem"
    assert all(row[-1] == "" for row in chart.rows if row[0] != "2016-03")
    assert "07.03.16: Neues Terminsystem" in chart.csv()
