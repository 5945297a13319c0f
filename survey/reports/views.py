"""Report downloads on the web: request, status page, download (HTTP only).

A site report: roles with ``reports`` on their own sites (lead, viewer; admin
and provider on every site); the comment excerpt only for roles that may read
comments. The network publication: roles with ``compare`` (admin, provider),
optionally with its two waves. Renders run as background subprocesses
(:mod:`.jobs`); requests and downloads are audit-logged. The dashboards post
to the same two URLs (``templates/dashboard/downloads.html``).
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from survey.access import Capability, can, require
from survey.audit.operations import record
from survey.dashboard.filters import wave
from survey.database import db
from survey.i18n import only
from survey.i18n.selection import current
from survey.sites.models import Site

from . import jobs, refusal
from .forms import ReportForm
from .operations import LANGUAGES
from .progress import step_text

bp = Blueprint("reports", __name__, url_prefix="/reports")
bp.before_request(only)  # staff pages: German or English


@bp.app_template_global()
def report_language() -> str:
    """The page's language if reports exist in it, else German."""
    lang = current().code
    return lang if lang in LANGUAGES else "de"


@bp.app_template_global()
def wave_days(text: str | None) -> tuple[date, date] | None:
    """A dashboard wave ``YYYY-MM:YYYY-MM`` as its first and last day (None if malformed)."""
    return wave(text)


@bp.route("/site/<site>", methods=["GET", "POST"])
@require(Capability.REPORTS, site="site")
def site_report(site: Site) -> ResponseReturnValue:
    form = ReportForm()
    if not form.validate_on_submit():
        return render_template("reports/web/request.html", form=form, site=site)
    try:
        job = _start("site", site.code, form, comments=can(current_user.role, Capability.COMMENTS))
    except jobs.Refused as refused:
        return _refused(refused, form, site)
    return redirect(url_for(".site_job", site=site.code, id=job.id))


@bp.route("/network", methods=["GET", "POST"])
@require(Capability.COMPARE)
def network_report() -> ResponseReturnValue:
    form = ReportForm()
    if not form.validate_on_submit():
        return render_template("reports/web/request.html", form=form, site=None)
    waves = {"a": form.a.data, "b": form.b.data} if form.a.data and form.b.data else {}
    try:
        job = _start("network", None, form, **waves)
    except jobs.Refused as refused:
        return _refused(refused, form, None)
    return redirect(url_for(".network_job", id=job.id))


@bp.get("/site/<site>/job")
@require(Capability.REPORTS, site="site")
def site_job(site: Site) -> ResponseReturnValue:
    return _status(_job(site.code), url_for(".site_download", site=site.code, id=_id()))


@bp.get("/network/job")
@require(Capability.COMPARE)
def network_job() -> ResponseReturnValue:
    return _status(_job(None), url_for(".network_download", id=_id()))


@bp.get("/site/<site>/download")
@require(Capability.REPORTS, site="site")
def site_download(site: Site) -> ResponseReturnValue:
    return _download(_job(site.code))


@bp.get("/network/download")
@require(Capability.COMPARE)
def network_download() -> ResponseReturnValue:
    return _download(_job(None))


def _id() -> str:
    return request.args.get("id", "")


def _job(site: str | None) -> jobs.Job:
    """The caller's own report job for this site (or the network); 400 otherwise."""
    job = jobs.load(_id(), current_user.id)
    if job is None or job.kind not in ("site", "network") or job.site != site:
        abort(400)
    return job


def _start(kind: str, site: str | None, form: ReportForm, **extra: object) -> jobs.Job:
    start, end = form.start.data.isoformat(), form.end.data.isoformat()
    job = jobs.start(current_user.id, kind, site, start, end, form.lang.data, **extra)
    record(db.session, "report.request", actor=current_user, target=site or "network",
           kind=kind, start=start, end=end, lang=job.lang, **extra)  # fmt: skip
    db.session.commit()
    return job


def _refused(refused: jobs.Refused, form: ReportForm, site: Site | None) -> ResponseReturnValue:
    page = render_template(
        "reports/web/request.html", form=form, site=site, refused=refusal.message(refused)
    )
    return page, 429


def _status(job: jobs.Job, download: str) -> ResponseReturnValue:
    state, progress = jobs.status(job)
    progress = step_text(progress)
    return render_template("reports/web/status.html", job=job, state=state, progress=progress,
                           position=jobs.position(job), download=download)  # fmt: skip


def _download(job: jobs.Job) -> ResponseReturnValue:
    if jobs.status(job)[0] != "done":
        return redirect(request.url.replace("/download", "/job", 1))
    record(db.session, "report.download", actor=current_user, target=job.site or "network",
           kind=job.kind, start=job.start, end=job.end, lang=job.lang)  # fmt: skip
    db.session.commit()
    return send_file(
        jobs.result_path(job),
        mimetype="application/pdf",
        download_name=job.download_name(),
        as_attachment=True,  # "PDF herunterladen": saved, not opened in the browser's viewer
    )
