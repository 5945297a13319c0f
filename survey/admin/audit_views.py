"""Read-only pages: the audit log, the questionnaire versions and their translations."""

from __future__ import annotations

from flask import render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from survey.access import Capability, require
from survey.audio.paths import audio_root
from survey.audio.store import summary
from survey.audit.operations import AuditFilter, actions, events
from survey.database import db
from survey.form.operations import current_definition
from survey.i18n import locales
from survey.i18n.catalogs import translations_dir
from survey.i18n.status import report
from survey.questionnaires.models import Questionnaire
from survey.security.request_input import int_arg

from .blueprint import bp
from .forms import AuditFilterForm

PAGE = 100
#: beyond this page the offset would overflow the databases' integers
MAX_PAGE = 10_000_000


@bp.get("/audit")
@require(Capability.AUDIT)
def audit() -> ResponseReturnValue:
    form = AuditFilterForm(request.args)
    where = AuditFilter()
    if form.validate():
        where = AuditFilter(
            action=form.action.data or "",
            actor=form.actor.data or "",
            target=form.target.data or "",
            since=form.since.data,
            until=form.until.data,
        )
    page = int_arg("page", 1, minimum=1, maximum=MAX_PAGE)
    rows = events(db.session, where, limit=PAGE + 1, offset=(page - 1) * PAGE)
    return render_template(
        "admin/audit.html",
        form=form,
        rows=rows[:PAGE],
        more=len(rows) > PAGE,
        page=page,
        actions=actions(db.session),
        filters=[(k, v) for k, v in request.args.items(multi=True) if k != "page"],
    )


@bp.get("/questionnaires")
@require(Capability.QUESTIONNAIRES)
def questionnaires() -> ResponseReturnValue:
    versions = db.session.scalars(
        select(Questionnaire).order_by(Questionnaire.code, Questionnaire.version)
    ).all()
    return render_template("admin/questionnaires.html", versions=versions)


@bp.get("/translations")
@require(Capability.QUESTIONNAIRES)
def translations() -> ResponseReturnValue:
    """Per locale: reviewed by a native speaker or still a draft, and how complete."""
    definition = current_definition()
    return render_template(
        "admin/translations.html",
        rows=report(translations_dir()),
        audio={info.code: summary(audio_root(), definition, info.code) for info in locales.LOCALES},
        lang_of={info.code: info.html_lang for info in locales.LOCALES},
    )
