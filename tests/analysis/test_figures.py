"""The figures draw the numbers analysis produces, and the note for suppressed cells."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from analysis import figures
from analysis.cells import ALL
from analysis.drivers import drivers
from analysis.headline import headline
from analysis.summary import summarize as summary
from analysis.trend import trend
from survey.database import db

LABELS = figures.Labels(suppressed="weniger als 10 Antworten", site="WI", network="Netz")
SPAN = {"start": date(2016, 1, 1), "end": date(2016, 12, 31)}


def test_trend_draws_the_shares_and_limits(demo):
    t = trend(db.engine, item="overall", **SPAN)
    site = sorted({r.site for r in t.rows if r.site != ALL})[0]
    rows = [r for r in t.rows if r.site == site]
    net = [r for r in t.rows if r.site == ALL]
    fig = figures.trend(rows, net, LABELS, marks=[(date(2016, 6, 1), "Neues System")])
    assert isinstance(fig, go.Figure)
    line = next(tr for tr in fig.data if tr.name == "WI")
    assert list(line.y) == [None if r.suppressed else r.share for r in rows]
    network = next(tr for tr in fig.data if tr.name == "Netz")
    assert list(network.y) == [r.share for r in net]
    assert any(a.text == "Neues System" for a in fig.layout.annotations)


def test_heatmap_marks_suppressed_cells_with_the_note(demo):
    s = summary(db.engine, by="month", start=date(2016, 3, 1), end=date(2016, 3, 31))
    rows = [r for r in s.rows if r.site != ALL]
    sites = sorted({r.site for r in rows})
    items = ["overall", "waiting"]
    fig = figures.heatmap(rows, sites, items, {"overall": "Gesamt"}, LABELS)
    (heat,) = fig.data
    cells = {(r.site, r.item): r for r in rows}
    hidden = 0
    for i, site in enumerate(sites):
        for j, item in enumerate(items):
            row = cells[(site, item)]
            if row.suppressed:
                hidden += 1
                assert heat.z[i][j] is None
                assert heat.text[i][j] == "weniger als 10 Antworten"
            else:
                assert heat.z[i][j] == row.top2
    assert hidden > 0, "the month must have suppressed cells for this test to mean anything"
    assert list(heat.x) == ["Gesamt", "waiting"]


def test_profile_and_caterpillar_use_the_intervals(demo):
    s = summary(db.engine, by="all", **SPAN)
    scale = [r for r in s.rows if r.top2 is not None or r.suppressed]
    site = sorted({r.site for r in scale if r.site != ALL})[0]
    own = [r for r in scale if r.site == site and r.mean is not None]
    net = [r for r in scale if r.site == ALL and r.mean is not None]
    fig = figures.profile(own, net, {}, LABELS)
    dots = fig.data[0]
    assert list(dots.x) == [r.top2 for r in own]
    assert list(dots.error_x.arrayminus) == [r.top2 - r.top2_low for r in own]
    h = headline(db.engine, by="all", **SPAN)
    csat = [r for r in h.rows if r.indicator == "csat"]
    cat = figures.caterpillar(
        [r for r in csat if r.site != ALL], next(r for r in csat if r.site == ALL), LABELS
    )
    shares = sorted(r.share for r in csat if r.site != ALL and not r.suppressed)
    assert list(cat.data[0].x) == shares


def test_breakdown_shows_the_note_instead_of_a_number():
    from analysis.summary import SummaryRow

    shown = SummaryRow(
        "WI", "all", "overall", 50, False, False, top2=0.8, top2_low=0.7, top2_high=0.88
    )
    hidden = SummaryRow("WI", "all", "overall", "<10", True, False)
    fig = figures.breakdown([("Kiosk", shown), ("Papier", hidden)], LABELS)
    assert list(fig.data[0].x) == [0.8] and list(fig.data[0].y) == ["Kiosk"]
    assert list(fig.data[1].text) == ["weniger als 10 Antworten"]
    assert "Papier" not in fig.data[0].y


def test_drivers_matrix_and_small_multiples(demo):
    d = drivers(db.engine, bootstrap=20)
    fig = figures.drivers_matrix(d, {}, LABELS)
    assert list(fig.data[0].y) == [x.share for x in d.drivers]
    t = trend(db.engine, **SPAN)
    sites = sorted({r.site for r in t.rows if r.site != ALL})
    sm = figures.small_multiples(t.rows, sites, LABELS)
    assert len(sm.data) == len(sites)
    mix = figures.channel_mix(
        {"WI": {"kiosk": 40, "paper": "<10"}}, {"kiosk": "Kiosk", "paper": "Papier"}, LABELS
    )
    assert list(mix.data[0].y) == [40] and list(mix.data[1].y) == [None]
    assert list(mix.data[1].text) == ["weniger als 10 Antworten"]


def test_measure_labels_are_plain_text_in_the_figure():
    fig = figures.trend(
        [], [], LABELS, marks=[(date(2016, 6, 1), '<a href="https://x.example">A&B</a>')]
    )
    (note,) = fig.layout.annotations
    assert note.text == '&lt;a href="https://x.example"&gt;A&amp;B&lt;/a&gt;'
    assert list(next(t for t in fig.data if t.name == LABELS.measure).text) == [note.text]
