"""What the alerts feature does: keep a site's rules, evaluate them, mail new alerts.

The answers a rule looks at come from the day tally (:class:`AnswerTally`),
aggregated per day and value, newest days first: never a response row. The
lookback doubles from :data:`FIRST_LOOKBACK_DAYS` until the window holds the
rule's N answers (or reaches back to the site's first answer), so a busy site
reads a few weeks of counts, a quiet one more. :func:`analysis.alerts.evaluate`
decides on those counts.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from analysis.alerts import KINDS, Evaluation, Rule, RuleError, evaluate
from survey.audit.operations import record
from survey.questionnaires.models import Item
from survey.responses.tallies import AnswerTally
from survey.sites.models import Site

from .models import RECIPIENTS_MAX, AlertRule

FIRST_LOOKBACK_DAYS = 28
ADDRESS = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$")


def local_today() -> date:
    """Today in the offices' time zone (a response's day is local, see SURVEY_TIMEZONE)."""
    return datetime.now(ZoneInfo(current_app.config["SURVEY_TIMEZONE"])).date()


class AlertError(ValueError):
    """A rule that cannot be saved as given (nothing is changed)."""


def rules_of(session: Session, site: Site) -> list[AlertRule]:
    return list(
        session.scalars(
            select(AlertRule).where(AlertRule.site_id == site.id).order_by(AlertRule.kind)
        )
    )


def split_recipients(text: str) -> list[str]:
    """Comma-, semicolon- or space-separated addresses."""
    return [a for a in re.split(r"[\s,;]+", text or "") if a]


def parse_recipients(text: str) -> str:
    """Comma-, semicolon- or space-separated addresses → ``a@x.de, b@y.de``."""
    found = split_recipients(text)
    bad = [a for a in found if not ADDRESS.match(a)]
    if bad:
        raise AlertError(f"not an e-mail address: {', '.join(bad)}")
    joined = ", ".join(dict.fromkeys(found))
    if len(joined) > RECIPIENTS_MAX:
        raise AlertError(f"the recipients take at most {RECIPIENTS_MAX} characters")
    return joined


def save_rule(
    session: Session,
    site: Site,
    kind: str,
    threshold: float,
    last_n: int,
    recipients: str = "",
    *,
    actor: Any = None,
) -> AlertRule:
    """Create the site's rule of ``kind``, or change it; audit-logged."""
    try:
        Rule(kind, threshold, last_n)
    except RuleError as exc:
        raise AlertError(str(exc)) from None
    addresses = parse_recipients(recipients)
    rule = session.scalar(select(AlertRule).filter_by(site_id=site.id, kind=kind))
    action = "alerts.rule_change" if rule else "alerts.rule_add"
    if rule is None:
        rule = AlertRule(site_id=site.id, kind=kind)
        session.add(rule)
    rule.threshold, rule.last_n, rule.recipients = threshold, last_n, addresses
    session.flush()
    record(
        session,
        action,
        actor=actor,
        target=f"site:{site.code}",
        kind=kind,
        threshold=threshold,
        last_n=last_n,
        recipients=len(rule.addresses),
    )
    return rule


def delete_rule(session: Session, site: Site, rule_id: int, *, actor: Any = None) -> bool:
    """Delete the site's rule ``rule_id``; False when the site has no such rule."""
    rule = session.scalar(select(AlertRule).filter_by(id=rule_id, site_id=site.id))
    if rule is None:
        return False
    record(session, "alerts.rule_delete", actor=actor, target=f"site:{site.code}", kind=rule.kind)
    session.delete(rule)
    return True


def day_counts(
    conn: Connection, site_id: int, item: str, last_n: int, today: date
) -> list[tuple[date, int, int]]:
    """(day, value, count) of ``item`` at the site, newest days first, reaching back
    until the days hold ``last_n`` valid answers (or to the site's first answer)."""
    t = AnswerTally.__table__
    items = select(Item.id).where(Item.code == item).scalar_subquery()
    where = [t.c.site_id == site_id, t.c.item_id.in_(items), t.c.value >= 1]
    first = conn.scalar(select(func.min(t.c.day)).where(*where))
    if first is None:
        return []
    if isinstance(first, str):  # SQLite without a typed result
        first = date.fromisoformat(first)
    lookback = FIRST_LOOKBACK_DAYS
    while True:
        since = today - timedelta(days=lookback)
        rows = [
            (d if isinstance(d, date) else date.fromisoformat(d), int(v), int(n))
            for d, v, n in conn.execute(
                select(t.c.day, t.c.value, func.sum(t.c.n))
                .where(*where, t.c.day > since, t.c.day <= today)
                .group_by(t.c.day, t.c.value)
                .order_by(t.c.day.desc())
            )
        ]
        if sum(n for _, _, n in rows) >= last_n or since < first:
            return rows
        lookback *= 2


@dataclass(frozen=True)
class Alert:
    """A rule of a site with its evaluation."""

    rule: AlertRule
    site: Site
    evaluation: Evaluation

    @property
    def firing(self) -> bool:
        return self.evaluation.firing


def evaluate_rules(conn: Connection, rules: Sequence[AlertRule], today: date) -> list[Evaluation]:
    out = []
    for rule in rules:
        spec = Rule(rule.kind, rule.threshold, rule.last_n)
        out.append(evaluate(spec, day_counts(conn, rule.site_id, spec.item, rule.last_n, today)))
    return out


def site_alerts(session: Session, site: Site, today: date | None = None) -> list[Alert]:
    """Every rule of ``site`` with its evaluation (firing or not)."""
    rules = rules_of(session, site)
    conn = session.connection()
    found = evaluate_rules(conn, rules, today or local_today())
    return [Alert(rule, site, e) for rule, e in zip(rules, found, strict=True)]


def firing_counts(
    session: Session, site_ids: Collection[int] | None, today: date | None = None
) -> dict[str, int]:
    """site code → number of its rules firing now (sites with rules only)."""
    stmt = select(AlertRule, Site).join(Site, Site.id == AlertRule.site_id)
    if site_ids is not None:
        stmt = stmt.where(AlertRule.site_id.in_(site_ids))
    pairs = session.execute(stmt.order_by(Site.code)).all()
    found = evaluate_rules(session.connection(), [r for r, _ in pairs], today or local_today())
    counts: dict[str, int] = {}
    for (_, site), e in zip(pairs, found, strict=True):
        counts[site.code] = counts.get(site.code, 0) + int(e.firing)
    return counts


def all_alerts(session: Session, today: date) -> list[Alert]:
    """Every rule of every site, evaluated (for ``flask alerts check``)."""
    pairs = session.execute(
        select(AlertRule, Site).join(Site, Site.id == AlertRule.site_id).order_by(Site.code)
    ).all()
    found = evaluate_rules(session.connection(), [r for r, _ in pairs], today)
    return [Alert(rule, site, e) for (rule, site), e in zip(pairs, found, strict=True)]


__all__ = [
    "KINDS",
    "Alert",
    "AlertError",
    "all_alerts",
    "day_counts",
    "delete_rule",
    "firing_counts",
    "rules_of",
    "save_rule",
    "site_alerts",
]
