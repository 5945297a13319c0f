"""Administration of users and roles (admin only)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from survey.access import Capability, require
from survey.accounts import enrolment, passwords
from survey.accounts import operations as accounts
from survey.accounts.models import User
from survey.database import db
from survey.sites.models import Site

from .blueprint import bp
from .forms import EmptyForm, PasswordResetForm, UserCreateForm, UserEditForm


def _site_choices() -> list[SelectChoice]:
    sites = db.session.scalars(select(Site).order_by(Site.code))
    return [SelectChoice(site.code, f"{site.code} – {site.name}") for site in sites]


@bp.get("/users")
@require(Capability.USERS)
def users() -> ResponseReturnValue:
    return render_template("admin/users.html", users=accounts.users(db.session))


@bp.route("/users/new", methods=["GET", "POST"])
@require(Capability.USERS)
def user_new() -> ResponseReturnValue:
    """The new user sets their own password (and second factor) through a link."""
    form = UserCreateForm()
    form.sites.choices = _site_choices()
    if form.validate_on_submit():
        try:
            user = accounts.add_user(
                db.session,
                form.username.data,
                None,
                form.role.data,
                form.sites.data or [],
                actor=current_user,
            )
        except accounts.AccountError as exc:
            form.username.errors.append(str(exc))
        else:
            return _show_link(user, created=True)
    return render_template("admin/user_new.html", form=form)


@bp.post("/users/<int:user_id>/enrolment-link")
@require(Capability.USERS, user_id="user")
def user_enrolment_link(user: User) -> ResponseReturnValue:
    if not EmptyForm().validate_on_submit():
        abort(400)
    return _show_link(user, created=False)


def _show_link(user: User, *, created: bool) -> ResponseReturnValue:
    """Make a link and show it this once: it is stored only as a hash."""
    hours = int(current_app.config["SURVEY_ENROLMENT_HOURS"])
    token = enrolment.issue(db.session, user, hours=hours, actor=current_user)
    db.session.commit()
    base = current_app.config.get("SURVEY_PUBLIC_URL") or request.host_url
    return render_template(
        "admin/enrolment_link.html",
        user=user,
        link=enrolment.link(base, token),
        hours=hours,
        created=created,
        totp=enrolment.needs_totp(user),
    )


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@require(Capability.USERS, user_id="user")
def user_edit(user: User) -> ResponseReturnValue:
    form = UserEditForm(obj=user, sites=[s.code for s in user.sites])
    form.sites.choices = _site_choices()
    if form.validate_on_submit():
        if user.id == current_user.id and (not form.active.data or form.role.data != "admin"):
            form.role.errors.append(_("Sie können sich nicht selbst sperren oder herabstufen."))
        else:
            try:
                accounts.set_role(
                    db.session, user, form.role.data, form.sites.data or [], actor=current_user
                )
                accounts.set_active(db.session, user, form.active.data, actor=current_user)
            except accounts.AccountError as exc:
                db.session.rollback()
                form.sites.errors.append(str(exc))
            else:
                db.session.commit()
                flash(_("Gespeichert."), "info")
                return redirect(url_for("admin.user_edit", user_id=user.id))
    return render_template(
        "admin/user_edit.html",
        form=form,
        user=user,
        password_form=PasswordResetForm(),
        totp_form=EmptyForm(),
        link_form=EmptyForm(),
    )


@bp.post("/users/<int:user_id>/password")
@require(Capability.USERS, user_id="user")
def user_password(user: User) -> ResponseReturnValue:
    form = PasswordResetForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(db.session, user, form.password.data, actor=current_user)
        except accounts.WeakPassword as exc:
            flash(passwords.message(exc.reason), "error")
        else:
            db.session.commit()
            name = user.username
            flash(
                _("Passwort zurückgesetzt; alle Sitzungen von %(name)s beendet.", name=name), "info"
            )
    else:
        flash(" ".join(form.password.errors) or _("Passwort nicht geändert."), "error")
    return redirect(url_for("admin.user_edit", user_id=user.id))


@bp.post("/users/<int:user_id>/totp-reset")
@require(Capability.USERS, user_id="user")
def user_totp_reset(user: User) -> ResponseReturnValue:
    if not EmptyForm().validate_on_submit():
        abort(400)
    accounts.reset_totp(db.session, user, actor=current_user)
    db.session.commit()
    flash(_("Zweiter Faktor von %(name)s zurückgesetzt.", name=user.username), "info")
    return redirect(url_for("admin.user_edit", user_id=user.id))
