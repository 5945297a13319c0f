"""``analysis drivers`` under the disclosure policy: no set with a site below 10
complete responses, so two sets cannot be differenced into one small site."""

from __future__ import annotations

import random
from datetime import date

import pytest

from analysis.drivers import SmallSite, drivers

SCALE = ("appointment", "waiting", "friendly", "understood", "fair", "trust", "overall")


@pytest.fixture
def two_sites(make_site, make_response):
    rng = random.Random(3)
    for code, count in (("WI", 150), ("GI", 6)):
        site = make_site(code)
        for k in range(count):
            answers = {item: (rng.randint(1, 5),) for item in SCALE}
            make_response(site, answers, day=date(2016, 3, 1 + k % 28))


def test_a_set_with_a_small_site_is_refused_by_name(engine, runner, two_sites):
    with pytest.raises(SmallSite, match="GI has fewer than 10 complete responses"):
        drivers(engine, sites=["WI", "GI"], bootstrap=5)
    with pytest.raises(SmallSite, match="GI"):
        drivers(engine, bootstrap=5)  # the whole network holds GI too
    alone = drivers(engine, sites=["WI"], bootstrap=5)
    assert alone.population == 150
    result = runner.invoke(args=["analysis", "drivers", "--bootstrap", "5"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: key drivers: GI has fewer than 10 complete")
    assert result.exception is None or isinstance(result.exception, SystemExit)
