"""The office lead as attacker: every breakdown of the own dashboard, month by month.

The lead downloads, for each month and quarter of a year, the breakdown CSV
(CSAT by channel, language and topic) and the profile CSV, whose overall row
is the total every family adds up to (topic 0 is "no topic", so each family
covers every answer). From the shown shares and n the attacker knows the
answers in the top two of every shown group; :mod:`tests.analysis.attacker`
then proves what it can about every hidden group. The views filtered to one
group (profile with ``channel``, ``locale`` or ``topic``) must hide exactly
what the breakdown hides, or the filter would hand the hidden group back.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from tests.analysis.attacker import Problem, breaches, solve

MONTHS = [f"2016-{m:02d}" for m in range(7, 13)] + [f"2017-{m:02d}" for m in range(1, 7)]
QUARTERS = [("2016-07", "2016-09"), ("2016-10", "2016-12"), ("2017-01", "2017-03")]
PRIMARY = "weniger als 10 Antworten"
SECONDARY = "verborgen zum Schutz kleiner Zellen"
CHANNELS = {"Kiosk": "kiosk", "Online": "online", "Papier": "paper"}


def table(client, path: str) -> list[list[str]]:
    response = client.get(path)
    assert response.status_code == 200, path
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))[1:]


def number(text: str) -> int:
    return int(text.replace(".", "").replace("\u202f", "").replace("\xa0", ""))


def share(text: str) -> float:
    return float(text.replace("%", "").replace("\xa0", "").replace(",", ".").strip()) / 100


def cell(share_text: str, n_text: str) -> tuple[str, int, int] | tuple[str, None, None]:
    """("shown", n, answers in the top two), or ("primary" | "secondary", None, None)."""
    if n_text == PRIMARY:
        return ("primary", None, None)
    if n_text == SECONDARY:
        return ("secondary", None, None)
    n = number(n_text)
    return ("shown", n, round(share(share_text) * n))


def attack_page(client, code: str, query: str) -> tuple[list[str], int, dict]:
    overall = table(client, f"/dashboard/{code}/profile.csv?{query}")[0]
    assert overall[0] == "Gesamtzufriedenheit"
    margin = cell(overall[1], overall[3])
    families: dict[str, dict[str, tuple]] = defaultdict(dict)
    for kind, group, value, _interval, n, _note in table(
        client, f"/dashboard/{code}/breakdown.csv?{query}"
    ):
        families[kind][group] = cell(value, n)
    if margin[0] != "shown":
        return [], 0, families
    _, total, total_top = margin
    problem = Problem(classes=2, top=frozenset({0}))
    for kind, groups in families.items():
        hidden = [g for g, c in groups.items() if c[0] != "shown"]
        neutral = len(hidden) == len(groups) and all(groups[g][0] == "secondary" for g in hidden)
        for g in hidden:
            if neutral:
                problem.boxes[(kind, g)] = (0.0, float(total))
            else:
                problem.hide((kind, g), groups[g][0] == "primary")
        shown = [c for c in groups.values() if c[0] == "shown"]
        keys = [(kind, g) for g in hidden]
        if keys:
            top = total_top - sum(c[2] for c in shown)
            problem.relate(keys, 0, top)
            problem.relate(keys, 1, total - sum(c[1] for c in shown) - top)
    if not problem.boxes:
        return [], 0, families
    return breaches(solve(problem), 0 < total_top < total), len(problem.boxes), families


def test_no_hidden_group_of_any_month_or_quarter_can_be_narrowed(signed_in, sites):
    client = signed_in("lead")
    code = sites[0].code
    found, hidden = [], 0
    spans = [(m, m) for m in MONTHS] + QUARTERS
    for first, last in spans:
        more, count, _ = attack_page(client, code, f"period=custom&from={first}&to={last}")
        found += [f"{first}..{last} {entry}" for entry in more]
        hidden += count
    assert hidden >= 20  # a small site: hidden groups every month
    assert not found, found[:10]


def test_a_filter_shows_no_group_the_breakdown_hides(signed_in, sites):
    client = signed_in("lead")
    code = sites[0].code
    for month in MONTHS[:4]:
        query = f"period=custom&from={month}&to={month}"
        _, _, families = attack_page(client, code, query)
        filters = {
            "Kanal": {label: f"channel={value}" for label, value in CHANNELS.items()},
            "Sprache": {locale: f"locale={locale}" for locale in families.get("Sprache", {})},
        }
        for kind, groups in filters.items():
            for group, extra in groups.items():
                if group not in families[kind]:
                    continue
                row = table(client, f"/dashboard/{code}/profile.csv?{query}&{extra}")[0]
                assert cell(row[1], row[3]) == families[kind][group], (month, kind, group)


def test_two_filters_at_once_keep_the_first_and_say_so(signed_in, sites):
    client = signed_in("lead")
    code = sites[0].code
    both = client.get(f"/dashboard/{code}?period=year&channel=kiosk&locale=de")
    assert both.status_code == 200
    assert "Es wird immer nur nach einem Merkmal gefiltert" in both.get_data(as_text=True)
    kiosk = table(client, f"/dashboard/{code}/profile.csv?period=year&channel=kiosk")
    assert table(client, f"/dashboard/{code}/profile.csv?period=year&channel=kiosk&locale=de") == (
        kiosk
    )


def test_a_period_one_day_shorter_gives_nothing(signed_in, sites):
    """Staff periods are whole months: a day in ``from``/``to`` is not taken, so a
    period minus the same period one day shorter is zero, not one day's answers."""
    client = signed_in("lead")
    code = sites[0].code
    default = {
        key: table(client, f"/dashboard/{code}/{key}.csv") for key in ("profile", "breakdown")
    }
    whole = table(client, f"/dashboard/{code}/profile.csv?period=custom&from=2016-07&to=2016-09")
    assert whole != default["profile"]
    for shorter in ("from=2016-07&to=2016-09-29", "from=2016-07-02&to=2016-09"):
        for key in ("profile", "breakdown"):
            query = f"period=custom&{shorter}"
            assert table(client, f"/dashboard/{code}/{key}.csv?{query}") == default[key]
