"""How an alert reads, on the dashboard and in the e-mail (staff strings: de, en)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_date, format_decimal, format_percent
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from analysis.alerts import Evaluation
from survey.sites.models import Site

from .operations import Alert, site_alerts


def kind_labels() -> dict[str, str]:
    return {
        "csat_below": _("Zufriedenheit (CSAT) unter Schwelle"),
        "referral_gap_above": _("Anteil „nein, hätte ich gebraucht“ über Schwelle"),
    }


def _pct(value: float | None) -> str:
    return "" if value is None else format_percent(value, "#,##0.0%")


@dataclass(frozen=True)
class AlertText:
    rule: str
    value: str
    days: str


def rule_text(kind: str, threshold: float, last_n: int) -> str:
    if kind == "csat_below":
        return _(
            "CSAT der letzten %(n)s Antworten unter %(x)s",
            n=format_decimal(last_n),
            x=_pct(threshold),
        )
    return _(
        "Anteil „nein, hätte ich gebraucht“ der letzten %(n)s Antworten über %(x)s",
        n=format_decimal(last_n),
        x=_pct(threshold),
    )


def value_text(e: Evaluation) -> str:
    if not e.evaluated:
        return _("weniger als 10 Antworten: nicht ausgewertet")
    text = _(
        "%(share)s (95-Prozent-Intervall %(low)s – %(high)s), n = %(n)s",
        share=_pct(e.share),
        low=_pct(e.low),
        high=_pct(e.high),
        n=format_decimal(e.n),
    )
    if e.limited:
        text += " · " + _("eingeschränkte Aussagekraft")
    return text


def days_text(e: Evaluation) -> str:
    if e.first_day is None or e.last_day is None:
        return ""
    return _(
        "Antworten vom %(first)s bis %(last)s",
        first=format_date(e.first_day, "medium"),
        last=format_date(e.last_day, "medium"),
    )


def describe(alert: Alert) -> AlertText:
    e = alert.evaluation
    return AlertText(
        rule_text(alert.rule.kind, alert.rule.threshold, alert.rule.last_n),
        value_text(e),
        days_text(e),
    )


def active_alerts(session: Session, site: Site) -> list[tuple[Alert, AlertText]]:
    """The site's rules firing now, each with its text (for the dashboard's banner)."""
    return [(a, describe(a)) for a in site_alerts(session, site) if a.firing]
