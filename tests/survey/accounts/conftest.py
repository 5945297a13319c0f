from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from survey.accounts import clock
from tests.survey.staff import isolated_requests, make_user  # noqa: F401 - fixtures


class FakeClock:
    """The accounts' clock, moved by the test: nothing waits on the real one."""

    def __init__(self) -> None:
        self.moment = datetime.now(UTC).replace(microsecond=0)

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(clock, "now", fake.now)
    return fake
