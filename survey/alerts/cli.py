from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from survey.database import db

from .mail import SmtpSettings, check
from .operations import local_today
from .texts import describe

alerts_cli = AppGroup("alerts", help="Alert rules of the sites (thresholds on the last answers).")


@alerts_cli.command("check")
@click.option("--today", default=None, help="Evaluate as of this day (YYYY-MM-DD); default: today.")
def check_command(today: str | None) -> None:
    """Evaluate every rule; e-mail the recipients of rules that started firing.

    Meant for cron (e.g. hourly). A rule is mailed once when it starts firing and
    again only after it stopped and fires anew. Without SURVEY_SMTP_HOST and
    SURVEY_SMTP_FROM nothing is mailed (and the alerts are mailed once SMTP is set).
    """
    try:
        day = date.fromisoformat(today) if today else local_today()
    except ValueError:
        raise click.ClickException(f"not a date (YYYY-MM-DD): {today!r}") from None
    settings = SmtpSettings.from_config(current_app.config)
    try:
        result = check(db.session, settings, day)
    except OSError as exc:  # smtplib errors are OSErrors: nothing is marked as mailed
        db.session.rollback()
        raise click.ClickException(f"sending the alerts failed: {exc}") from None
    db.session.commit()
    for alert in result.firing:
        text = describe(alert)
        state = (
            "mailed"
            if alert in result.mailed
            else ("not mailed" if alert in result.unmailed else "mailed before")
        )
        click.echo(f"{alert.site.code}\t{alert.rule.kind}\t{text.value}\t{state}")
    if result.unmailed and not settings.configured:
        click.echo("SMTP is not configured (SURVEY_SMTP_HOST, SURVEY_SMTP_FROM): nothing mailed.")
    click.echo(f"{len(result.firing)} alert(s) firing, {len(result.mailed)} mailed.")
