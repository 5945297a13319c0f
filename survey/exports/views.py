"""Raw-data exports on the web: request, status page, download (HTTP only).

Capability ``exports`` (admin, provider: every site; lead: own sites; a viewer
has none, see docs/access-control.md). A lead gets the month-level, k-anonymous
file; days (``detail=day``) need ``EXPORTS_DAYS`` (provider, admin) and a stated
purpose, which the audit log keeps. ``/exports/site/<site>`` exports one
site, ``/exports/`` every site of the user's scope. The export itself is the
command line's ``flask responses export`` run as a background job
(:mod:`survey.reports.jobs`): the same operation, the same site selection, the
same scrubbed comments and formula neutralising, and a large export (an SPSS
file is built in memory) neither blocks nor bloats the web worker. Requests
and downloads are audit-logged (``export.request``, ``export.download``).
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, g, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from survey.access import Capability, require
from survey.access.capabilities import can
from survey.audit.operations import record
from survey.database import db
from survey.i18n import only
from survey.reports import jobs, refusal
from survey.reports.forms import EXPORT_LABELS, ExportForm
from survey.responses.anonymise import K
from survey.sites.models import Site

bp = Blueprint("exports", __name__, url_prefix="/exports")
bp.before_request(only)  # staff pages: German or English

MIMETYPES = {
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
}
EXPORTED = re.compile(r"^Exported (\d+) responses")


@bp.app_template_global()
def export_formats() -> list[tuple[str, str]]:
    """``(format, label)`` for the dashboards' export button."""
    return [(code, str(label)) for code, label in EXPORT_LABELS.items()]


@bp.route("/site/<site>", methods=["GET", "POST"])
@require(Capability.EXPORTS, site="site")
def site_export(site: Site) -> ResponseReturnValue:
    form = ExportForm()
    if not _valid(form):
        return _form_page(form, site=site)
    try:
        job = _start(form, site.code, (site.code,))
    except jobs.Refused as refused:
        return _form_page(form, site=site, refused=refusal.message(refused)), 429
    return redirect(url_for(".site_job", site=site.code, id=job.id))


@bp.route("/", methods=["GET", "POST"])
@require(Capability.EXPORTS)
def scope_export() -> ResponseReturnValue:
    codes = _scope_codes()
    form = ExportForm()
    if not _valid(form):
        return _form_page(form, site=None, codes=codes)
    try:
        job = _start(form, None, codes)
    except jobs.Refused as refused:
        return _form_page(form, site=None, codes=codes, refused=refusal.message(refused)), 429
    return redirect(url_for(".scope_job", id=job.id))


@bp.get("/site/<site>/job")
@require(Capability.EXPORTS, site="site")
def site_job(site: Site) -> ResponseReturnValue:
    return _status(_job(site.code), url_for(".site_download", site=site.code, id=_id()))


@bp.get("/job")
@require(Capability.EXPORTS)
def scope_job() -> ResponseReturnValue:
    return _status(_job(None), url_for(".scope_download", id=_id()))


@bp.get("/site/<site>/download")
@require(Capability.EXPORTS, site="site")
def site_download(site: Site) -> ResponseReturnValue:
    return _download(_job(site.code), url_for(".site_job", site=site.code, id=_id()))


@bp.get("/download")
@require(Capability.EXPORTS)
def scope_download() -> ResponseReturnValue:
    return _download(_job(None), url_for(".scope_job", id=_id()))


def _form_page(form: ExportForm, **context: object) -> ResponseReturnValue:
    return render_template("exports/request.html", form=form, days=_days(), k=K, **context)


def _days() -> bool:
    """Whether the user may export days (provider, admin); others get the month file."""
    return can(current_user.role, Capability.EXPORTS_DAYS)


def _valid(form: ExportForm) -> bool:
    if not form.validate_on_submit():
        return False
    if form.detail.data == "day" and not _days():
        form.detail.errors = [_("Tagesgenaue Exporte nur für Projektträger und Administration.")]
        return False
    return True


def _scope_codes() -> tuple[str, ...]:
    """The sites of the user's scope; ``()`` means every site (as ``--site`` left out)."""
    if g.scope.everything:
        return ()
    codes = tuple(site.code for site in db.session.scalars(g.scope.sites()))
    if not codes:
        abort(404)  # no site to export: never fall through to "every site"
    return codes


def _id() -> str:
    return request.args.get("id", "")


def _job(site: str | None) -> jobs.Job:
    """The caller's own export job for this site (or scope); 400 otherwise."""
    job = jobs.load(_id(), current_user.id)
    if job is None or job.kind != "export" or job.site != site:
        abort(400)
    if site is None and not g.scope.everything and job.sites != _scope_codes():
        abort(404)  # the user's sites changed since: export again
    return job


def _target(site: str | None, codes: tuple[str, ...]) -> str:
    return f"site:{site}" if site else f"sites:{','.join(codes) or 'all'}"


def _start(form: ExportForm, site: str | None, codes: tuple[str, ...]) -> jobs.Job:
    start, end = form.start.data.isoformat(), form.end.data.isoformat()
    day = form.detail.data == "day"
    job = jobs.start(current_user.id, "export", site, start, end, fmt=form.fmt.data, sites=codes,
                     detail=form.detail.data, purpose=form.purpose.data if day else "")  # fmt: skip
    record(db.session, "export.request", actor=current_user, target=_target(site, codes),
           format=job.fmt, start=start, end=end, **_detail(job))  # fmt: skip
    db.session.commit()
    return job


def _detail(job: jobs.Job) -> dict[str, str]:
    """The audit details of an export's detail: a day-level export names its purpose."""
    if job.detail == "day":
        return {"detail": "day", "purpose": job.purpose}
    return {"detail": job.detail}


def _status(job: jobs.Job, download: str) -> ResponseReturnValue:
    state, progress = jobs.status(job)
    return render_template("exports/status.html", job=job, state=state, progress=progress,
                           position=jobs.position(job), download=download)  # fmt: skip


def _rows(job: jobs.Job) -> int | None:
    for line in reversed(jobs.log_lines(job)):
        if match := EXPORTED.match(line):
            return int(match.group(1))
    return None


def _download(job: jobs.Job, status_url: str) -> ResponseReturnValue:
    if jobs.status(job)[0] != "done":
        return redirect(status_url)
    record(db.session, "export.download", actor=current_user, target=_target(job.site, job.sites),
           format=job.fmt, start=job.start, end=job.end, rows=_rows(job),
           **_detail(job))  # fmt: skip
    db.session.commit()
    return send_file(
        jobs.result_path(job),
        mimetype=MIMETYPES[job.suffix],
        download_name=job.download_name(),
        as_attachment=True,
    )
