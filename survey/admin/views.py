"""Administration pages: overview, sites and their settings, comments, devices.

HTTP only: access is declared with ``survey.access`` decorators, the work is
done by ``operations`` and ``survey.retention``.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from survey.access import Capability, can, require
from survey.database import db
from survey.kiosk.models import KioskDevice
from survey.retention.operations import delete_site_data
from survey.sites.models import Site
from survey.sites.operations import SiteError

from . import operations
from .blueprint import bp
from .forms import (
    DeviceForm,
    EmptyForm,
    PairingForm,
    SiteCreateForm,
    SiteDeleteForm,
    SiteSettingsForm,
)


@bp.get("/")
@require(Capability.ACCOUNT)
def index() -> ResponseReturnValue:
    return render_template("admin/index.html")


@bp.get("/sites")
@require(Capability.DASHBOARD)
def sites() -> ResponseReturnValue:
    return render_template("admin/sites.html", sites=operations.visible_sites(db.session, g.scope))


@bp.route("/sites/new", methods=["GET", "POST"])
@require(Capability.SITES)
def site_new() -> ResponseReturnValue:
    form = SiteCreateForm()
    if form.validate_on_submit():
        try:
            site = operations.create_site(
                db.session, form.code.data, form.name.data, actor=current_user
            )
        except SiteError as exc:
            form.code.errors.append(str(exc))
        else:
            db.session.commit()
            return redirect(url_for("admin.site_settings", site=site.code))
    return render_template("admin/site_new.html", form=form)


@bp.route("/sites/<site>/settings", methods=["GET", "POST"])
@require(Capability.SITE_SETTINGS, site="site")
def site_settings(site: Site) -> ResponseReturnValue:
    form = SiteSettingsForm(obj=site)
    may_switch_off = can(current_user.role, Capability.SITES)
    allowed = operations.ADMIN_SETTINGS if may_switch_off else operations.SETTINGS
    if not may_switch_off:
        del form.enabled
    if form.validate_on_submit():
        values = {key: getattr(form, key).data for key in allowed}
        try:
            operations.update_site(db.session, site, values, actor=current_user, allowed=allowed)
        except operations.SettingsError as exc:
            form.default_locale.errors = [*form.default_locale.errors, str(exc)]
        else:
            db.session.commit()
            flash(_("Einstellungen gespeichert."), "info")
            return redirect(url_for("admin.site_settings", site=site.code))
    return render_template("admin/site_settings.html", form=form, site=site)


@bp.route("/sites/<site>/delete", methods=["GET", "POST"])
@require(Capability.SITES, site="site")
def site_delete(site: Site) -> ResponseReturnValue:
    form = SiteDeleteForm()
    if form.validate_on_submit():
        if form.confirm.data.strip().upper() != site.code:
            form.confirm.errors.append(_("Das Kürzel stimmt nicht."))
        else:
            counts = delete_site_data(db.session, site, actor=current_user)
            db.session.commit()
            flash(
                _(
                    "Alle Daten von %(code)s gelöscht: %(n)s Antworten.",
                    code=site.code,
                    n=counts["responses"],
                ),
                "info",
            )
            return redirect(url_for("admin.sites"))
    return render_template(
        "admin/site_delete.html",
        form=form,
        site=site,
        responses=operations.responses_count(db.session, g.scope, site),
    )


@bp.get("/sites/<site>/comments")
@require(Capability.COMMENTS, site="site")
def comments(site: Site) -> ResponseReturnValue:
    months = operations.comments_by_month(db.session, g.scope, site)
    return render_template(
        "admin/comments.html", site=site, months=months, min_n=operations.MIN_COMMENT_CELL
    )


@bp.get("/devices")
@require(Capability.DEVICES)
def devices() -> ResponseReturnValue:
    rows = operations.devices(db.session, g.scope)
    sites = operations.visible_sites(db.session, g.scope)
    return render_template("admin/devices.html", rows=rows, sites=sites, revoke_form=EmptyForm())


@bp.route("/sites/<site>/pairing", methods=["GET", "POST"])
@require(Capability.DEVICES, site="site")
def pairing(site: Site) -> ResponseReturnValue:
    form = PairingForm()
    issued = None
    if form.validate_on_submit():
        issued = operations.issue_pairing_code(
            db.session, site, form.label.data or "", actor=current_user
        )
        db.session.commit()
    return render_template("admin/pairing.html", form=form, site=site, issued=issued)


@bp.route("/devices/<int:device_id>", methods=["GET", "POST"])
@require(Capability.DEVICES, device_id="device")
def device(device: KioskDevice) -> ResponseReturnValue:
    form = DeviceForm(obj=device)
    if form.validate_on_submit():
        operations.rename_device(db.session, device, form.label.data or "", actor=current_user)
        db.session.commit()
        return redirect(url_for("admin.devices"))
    return render_template("admin/device.html", form=form, device=device)


@bp.post("/devices/<int:device_id>/revoke")
@require(Capability.DEVICES, device_id="device")
def device_revoke(device: KioskDevice) -> ResponseReturnValue:
    if not EmptyForm().validate_on_submit():
        abort(400)
    if operations.revoke_device(db.session, device, actor=current_user):
        db.session.commit()
        flash(_("Gerät gesperrt."), "info")
    return redirect(url_for("admin.devices"))
