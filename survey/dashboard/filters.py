"""The filter state of a dashboard, read from and written to the URL query.

Periods are whole months (the month tally serves the locale and topic
breakdowns): a preset counts back from the ``anchor``, the last month with
data, so a bookmark of ``?period=quarter`` always shows the latest quarter.
A day in ``from``/``to`` is not a month and is not taken.

One breakdown dimension at a time (docs/methodology.md, "Disclosure control"):
of channel, locale and topic only the first given is kept, and ``narrowed``
says that others were left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from urllib.parse import urlencode

from analysis.source import CHANNELS
from survey.security.request_input import int_arg

#: topic codes are small; anything larger names no topic
TOPIC_MAX = 10_000
PRESETS = {"month": 1, "quarter": 3, "year": 12}
#: how many months the trend charts show at least
TREND_MONTHS = 24
#: the years a custom period may name: the previous period and the trend stay dates
YEARS = range(2000, 2100)
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")


def month_start(day: date, back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return month_start(day, -1) - timedelta(days=1)


def parse_month(text: str | None) -> date | None:
    """``YYYY-MM`` (years :data:`YEARS`) → its first day; anything else → None."""
    match = _MONTH.fullmatch(text or "")
    if match is None or int(match[1]) not in YEARS or not 1 <= int(match[2]) <= 12:
        return None
    return date(int(match[1]), int(match[2]), 1)


@dataclass(frozen=True)
class Filters:
    period: str = "year"
    start: date = date(2000, 1, 1)
    end: date = date(2000, 12, 31)
    channel: str | None = None
    locale: str | None = None
    topic: int | None = None
    item: str = "overall"
    #: more than one of channel, locale and topic was asked for; only the first is kept
    narrowed: bool = False

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def previous(self) -> tuple[date, date]:
        """The period of the same length just before."""
        return month_start(self.start, self.months), self.start - timedelta(days=1)

    @property
    def trend_start(self) -> date:
        return min(self.start, month_start(self.end, TREND_MONTHS - 1))

    def summary_args(self) -> dict[str, object]:
        """These filters as keyword arguments of ``analysis.summary.summarize``."""
        return {
            "start": self.start,
            "end": self.end,
            "channel": self.channel,
            "locale": self.locale,
            "topic": self.topic,
        }

    def query(self, **changes: object) -> str:
        """The URL query of these filters (with ``changes``), for links and bookmarks."""
        f = replace(self, **changes)  # type: ignore[arg-type]
        values: dict[str, object] = {"period": f.period}
        if f.period == "custom":
            values.update({"from": f.start.strftime("%Y-%m"), "to": f.end.strftime("%Y-%m")})
        for key in ("channel", "locale", "topic"):
            if getattr(f, key) is not None:
                values[key] = getattr(f, key)
        if f.item != "overall":
            values["item"] = f.item
        return urlencode(values)


def from_query(args: Mapping[str, str], anchor: date, scale_items: list[str]) -> Filters:
    """Filters of the request; unknown values fall back to the defaults."""
    period = args.get("period", "year")
    start, end = parse_month(args.get("from")), parse_month(args.get("to"))
    if period == "custom" and start and end and start <= end:
        first, last = start, month_end(end)
    else:
        period = period if period in PRESETS else "year"
        first, last = month_start(anchor, PRESETS[period] - 1), month_end(anchor)
    channel = args.get("channel") if args.get("channel") in CHANNELS else None
    locale = args.get("locale") or None
    if locale is not None and (len(locale) > 8 or not locale.replace("-", "").isalnum()):
        locale = None
    topic = int_arg("topic", None, maximum=TOPIC_MAX, args=args)
    item = args.get("item", "overall")
    item = item if item in scale_items else "overall"
    narrowed = sum(value is not None for value in (channel, locale, topic)) > 1
    if channel is not None:
        locale = topic = None
    elif locale is not None:
        topic = None
    return Filters(period, first, last, channel, locale, topic, item, narrowed)


def wave(text: str | None) -> tuple[date, date] | None:
    """A wave ``YYYY-MM:YYYY-MM`` → (first day, last day)."""
    first, _, last = (text or "").partition(":")
    a, b = parse_month(first), parse_month(last)
    if a is None or b is None or a > b:
        return None
    return a, month_end(b)


def wave_text(span: tuple[date, date]) -> str:
    return f"{span[0]:%Y-%m}:{span[1]:%Y-%m}"
