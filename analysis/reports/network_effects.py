"""The publication's chapter "Was hat gewirkt?": the catalogue of ``analysis effects``
(the same function and figures as the CLI and the provider's page), grouped by type.

Small numbers are those of the catalogue: a site estimate with fewer than 10 answers
before or after carries no figures (its n shows as "<10") and does not enter the pooled
estimate; event-study months and mix shares are not printed here at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from ..effects.catalogue import Catalogue, PooledRow
from ..effects.estimate import EffectRow
from ..effects.notices import Notice
from ..figures.effects import EffectLabels, forest
from .effect_texts import describe
from .items import N_

if TYPE_CHECKING:
    import plotly.graph_objects as go

_Row = TypeVar("_Row", EffectRow, PooledRow)

#: the texts of the forest plots (German msgids, as on the provider's page)
FOREST_LABELS = {
    "effect": N_("Wirkung (nachher minus vorher, gegen Vergleichsstandorte)"),
    "pooled": N_("Gepoolt (Random Effects)"),
    "month": N_("Monate seit dem Start"),
    "reference": N_("Referenzmonat"),
    "suppressed": N_("weniger als 10 Antworten"),
}
POINTS_AXIS = N_("Wirkung in Prozentpunkten (nachher minus vorher, gegen Vergleichsstandorte)")
SCALED = ("estimate", "low", "high")
#: metrics printed as shares (in percentage points); ``mean`` is in scale points
SHARE_METRICS = ("top2", "share")


@dataclass
class Outcome:
    """One targeted item × metric of a type: its site rows and the pooled estimate."""

    item: str
    metric: str
    rows: list[EffectRow]
    pooled: PooledRow | None

    @property
    def key(self) -> str:
        return f"{self.item}-{self.metric}"


@dataclass
class TypeEffects:
    type: str
    outcomes: list[Outcome] = field(default_factory=list)


@dataclass
class EffectsChapter:
    window: int
    transition: int
    types: list[TypeEffects]
    skipped: list[dict[str, object]]


def chapter(result: Catalogue) -> EffectsChapter:
    pooled = {(p.type, p.item, p.metric): p for p in result.pooled}
    keys = sorted({(r.type, r.item, r.metric) for r in result.rows})
    types: dict[str, TypeEffects] = {}
    for kind, item, metric in keys:
        rows = [r for r in result.rows if (r.type, r.item, r.metric) == (kind, item, metric)]
        outcome = Outcome(item, metric, rows, pooled.get((kind, item, metric)))
        types.setdefault(kind, TypeEffects(kind)).outcomes.append(outcome)
    return EffectsChapter(result.window, result.transition, list(types.values()), result.skipped)


def forest_figures(
    effects: EffectsChapter, gettext: Callable[[str], str]
) -> Mapping[str, go.Figure]:
    """One forest plot per type × share outcome (the means are in the tables only)."""
    texts = {k: gettext(v) for k, v in FOREST_LABELS.items()}
    texts["effect"] = gettext(POINTS_AXIS)
    labels = EffectLabels(**texts)
    return {
        f"forest-{t.type}-{o.key}": forest(
            [_in_points(r) for r in o.rows], _in_points(o.pooled) if o.pooled else None, labels
        )
        for t in effects.types
        for o in t.outcomes
        if o.metric in SHARE_METRICS and any(r.estimate is not None for r in o.rows)
    }


def _in_points(row: _Row) -> _Row:
    """A share estimate in percentage points, as the tables print it."""
    return replace(
        row,  # type: ignore[type-var]
        **{k: None if getattr(row, k) is None else 100 * getattr(row, k) for k in SCALED},
    )


def notice_filter(gettext: Callable[[str], str]) -> Callable[[object], str]:
    """A Jinja filter: a notice (or a skipped measure) in the report's language."""

    def text(item: object) -> str:
        if not isinstance(item, Notice):
            item = Notice(str(item.get("code")) if isinstance(item, dict) else str(item))
        return describe(item, gettext, lambda value: f"{100 * value:.0f} %")

    return text
