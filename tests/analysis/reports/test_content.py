"""The reports' content is the analysis functions' output, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from analysis.compare import compare
from analysis.reports import network, site
from analysis.summary import summarize

PERIOD = (date(2016, 1, 1), date(2016, 12, 31))


def test_site_report_takes_its_rows_from_summary_and_compare(engine, demo):
    report = site.build(engine, "WI", "Wiesbaden", *PERIOD)
    assert report.previous == (date(2015, 1, 1), date(2015, 12, 31))
    rows = summarize(engine, sites=["WI"], by="all", start=PERIOD[0], end=PERIOD[1]).rows
    mine = {r.item: r for r in rows if r.site == "WI"}
    assert [row for row, _ in report.items] == [mine[i] for i in site.SCALE_ITEMS]
    changes = compare(engine, a=report.previous, b=PERIOD, sites=["WI"]).rows
    assert report.changes == [c for c in changes if c.site == "WI"]
    assert {b.key for b in report.channels} <= {"kiosk", "online", "paper"}
    by_channel = summarize(
        engine, sites=["WI"], by="all", start=PERIOD[0], end=PERIOD[1], channel="kiosk"
    ).rows
    kiosk = next(b.row for b in report.channels if b.key == "kiosk")
    assert kiosk == next(r for r in by_channel if r.site == "WI" and r.item == "overall")
    assert [t.period for t in report.trend] == [f"2016-{m:02d}" for m in range(1, 13)]
    # every breakdown row is the summary of that one value, in the report's order
    for group, found, values in (
        ("channel", report.channels, site.CHANNELS),
        ("locale", report.locales, site.LOCALES),
        ("topic", report.topics, site.TOPICS),
    ):
        expected = []
        for value in values:
            rows = summarize(
                engine, sites=["WI"], by="all", start=PERIOD[0], end=PERIOD[1], **{group: value}
            ).rows
            row = next((r for r in rows if r.site == "WI" and r.item == "overall"), None)
            if row is not None and (group != "locale" or row.n not in (0, None)):
                expected.append((str(value), row))
        assert [(b.key, b.row) for b in found] == expected
        assert len(expected) >= 2


def test_previous_period_of_days_and_months():
    assert site.previous_period(date(2016, 3, 1), date(2016, 5, 31)) == (
        date(2015, 12, 1),
        date(2016, 2, 29),
    )
    assert site.previous_period(date(2016, 3, 5), date(2016, 3, 14)) == (
        date(2016, 2, 24),
        date(2016, 3, 4),
    )


def test_network_publication_has_a_profile_per_site_and_the_compare_output(engine, demo):
    sites = {"DA": "Darmstadt", "GI": "Gießen", "WI": "Wiesbaden"}
    a, b = (date(2015, 10, 1), date(2016, 3, 31)), (date(2017, 1, 1), date(2017, 6, 30))
    report = network.build(engine, sites, date(2015, 10, 1), date(2017, 6, 30), a=a, b=b)
    assert [p.code for p in report.profiles] == list(sites)
    assert report.comparison == compare(engine, a=a, b=b)
    for profile in report.profiles:
        assert profile.changes == [r for r in report.comparison.rows if r.site == profile.code]
        assert {r.item for r in profile.items} == set(site.SCALE_ITEMS)
    assert set(report.channels) == {*sites, "ALL"}
    assert report.locales["de"]["ALL"] not in (None, "<10")
    span = {"by": "all", "start": date(2015, 10, 1), "end": date(2017, 6, 30)}
    for locale in site.LOCALES:
        rows = summarize(engine, locale=locale, **span).rows
        n = {r.site: r.n for r in rows if r.item == "overall"}
        assert report.locales.get(locale, n) == n
    assert len(report.locales) >= 5
    for channel in site.CHANNELS:
        rows = summarize(engine, channel=channel, **span).rows
        n = {r.site: r.n for r in rows if r.item == "overall"}
        assert {code: row[channel] for code, row in report.channels.items()} == {
            code: n.get(code) for code in report.channels
        }


def test_site_report_marks_the_measures_of_its_period(engine, demo):
    from analysis.reports.site_charts import site_figures

    measures = [(date(2016, 5, 2), "Neue Terminvergabe"), (date(2015, 3, 1), "früher")]
    report = site.build(engine, "WI", "Wiesbaden", *PERIOD, comments=0, measures=measures)
    assert report.measures == [(date(2016, 5, 2), "Neue Terminvergabe")]
    trend = site_figures(report, lambda text: text)["trend"]
    assert [a.text for a in trend.layout.annotations] == ["Neue Terminvergabe"]
    assert [s.x0 for s in trend.layout.shapes] == ["2016-05-02"]
