"""What threatens an estimate, or why a measure has none, as stable codes with values.

``analysis`` speaks English (:func:`english`); the web pages and the PDF translate the
code (German msgids in :mod:`analysis.reports.effect_texts`), so no English sentence is
shown on a German page. The codes are part of the JSON and CSV of ``analysis effects``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OTHER_MEASURES = "other_measures"  # measures: "label (day), …"
NO_PLACEBO = "no_placebo"
PRE_TREND = "pre_trend"
MIX_HIDDEN = "mix_hidden"  # dimension: channel|topic, adjusted: bool
MIX_CHANGED = "mix_changed"  # dimension, shift (0–1), adjusted
NO_COMPARISON = "no_comparison"
NO_ANSWERS = "no_answers"
FEW_COMPARISON = "few_comparison"  # sites: int
# why a measure has no estimate at all (DesignError.code)
ENDED_EARLY = "ended_early"
NO_PLACEBO_ROOM = "no_placebo_room"
BAD_WINDOW = "bad_window"
BAD_TRANSITION = "bad_transition"

ENGLISH = {
    OTHER_MEASURES: "other measures at this site in the windows: {measures}",
    NO_PLACEBO: "no placebo start: too few answers a window earlier",
    PRE_TREND: "pre-trend: the placebo start one window earlier shows an effect",
    MIX_HIDDEN: "the {dimension} mix cannot be shown (small numbers); {adjustment}",
    MIX_CHANGED: "the {dimension} mix changed ({shift:.0%} of answers moved); {adjustment}",
    NO_COMPARISON: "no comparison site without a measure of this type",
    NO_ANSWERS: "no answers before and after at the site or at any comparison site",
    FEW_COMPARISON: "only {sites} comparison site(s) with answers",
    ENDED_EARLY: "the measure ended before an after-window could begin",
    NO_PLACEBO_ROOM: "no room for a placebo after-window before the real start",
    BAD_WINDOW: "a window has at least one month",
    BAD_TRANSITION: "the transition cannot be negative",
}


@dataclass(frozen=True)
class Notice:
    code: str
    values: dict[str, str | int | float | bool] = field(default_factory=dict)


def english(notice: Notice) -> str:
    values = dict(notice.values)
    if "adjusted" in values:
        values["adjustment"] = (
            "the estimate is adjusted for it" if values["adjusted"] else "it is NOT adjusted"
        )
    return ENGLISH[notice.code].format(**values)
