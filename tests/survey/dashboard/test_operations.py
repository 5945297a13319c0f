"""The dashboard operations show the numbers analysis produces, under its rules."""

from __future__ import annotations

from datetime import date

from analysis.cells import ALL
from analysis.headline import headline
from analysis.mix import channel_mix
from analysis.summary import summarize
from survey.dashboard import operations, overview
from survey.dashboard.charts import count, share
from survey.dashboard.filters import Filters, from_query, wave
from survey.database import db


def _filters(**args: str) -> Filters:
    return from_query(args, date(2017, 6, 20), operations.scale_items())


def test_presets_are_whole_months_counted_back_from_the_anchor():
    f = _filters(period="quarter")
    assert (f.start, f.end) == (date(2017, 4, 1), date(2017, 6, 30))
    assert f.previous == (date(2017, 1, 1), date(2017, 3, 31))
    custom = _filters(period="custom", **{"from": "2015-02", "to": "2015-03"})
    assert (custom.start, custom.end) == (date(2015, 2, 1), date(2015, 3, 31))
    assert _filters(channel="fax", item="nope").channel is None
    assert "channel=kiosk" in _filters(channel="kiosk").query()
    assert wave("2016-01:2016-06") == (date(2016, 1, 1), date(2016, 6, 30))
    assert wave("2016-07:2016-01") is None


def test_headline_cards_are_the_headline_rows(app, demo, sites):
    code = sites[0].code
    f = _filters(period="year")
    with app.test_request_context("/"):
        chart = operations.headline_chart(db.engine, code, f)
        rows = headline(db.engine, sites=[code], by="all", start=f.start, end=f.end).rows
        csat = next(r for r in rows if r.site == code and r.indicator == "csat")
        assert chart.rows[0][1] == share(csat.share)
        assert chart.rows[0][3] == count(csat.n, csat.suppressed)
        net = next(r for r in rows if r.site == ALL and r.indicator == "csat")
        assert chart.rows[0][8] == share(net.share)


def test_profile_and_heatmap_rows_are_the_summary(app, demo, sites):
    code = sites[0].code
    f = _filters(period="month")
    with app.test_request_context("/"):
        summary = summarize(db.engine, by="all", start=f.start, end=f.end).rows
        profile = operations.profile_chart(db.engine, code, f)
        own = next(r for r in summary if r.site == code and r.item == "overall")
        assert profile.rows[0][1] == share(own.top2)
        heat = overview.heatmap_chart(db.engine, f)
        hidden = [r for r in heat.rows if r[4] == "weniger als 10 Antworten"]
        assert hidden and all(r[2] == "" for r in hidden)
        assert len(heat.rows) == len(
            [r for r in summary if r.site != ALL and r.item in operations.scale_items()]
        )


def test_channel_mix_hides_small_channels_and_their_complement(app, demo):
    rows = channel_mix(db.engine, start=date(2017, 6, 1), end=date(2017, 6, 30))
    assert rows
    for row in rows:
        shown = [v for v in row.channels.values() if isinstance(v, int)]
        hidden = [v for v in row.channels.values() if not isinstance(v, int)]
        assert all(v == 0 or v >= 10 for v in shown)
        if isinstance(row.total, int):  # a shown total must not give one hidden channel away
            assert len(hidden) != 1, row


def test_caterpillar_is_the_headline_csat(app, demo):
    f = _filters(period="quarter")
    with app.test_request_context("/"):
        chart = overview.caterpillar_chart(db.engine, f)
        rows = headline(db.engine, by="all", start=f.start, end=f.end).rows
    csat = [r for r in rows if r.indicator == "csat"]
    assert [row[1] for row in chart.rows] == [share(r.share) for r in csat]
    assert [row[3] for row in chart.rows] == [count(r.n, r.suppressed) for r in csat]
