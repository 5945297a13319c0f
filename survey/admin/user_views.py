"""Administration of users and roles (admin only)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from survey.access import Capability, require
from survey.accounts import operations as accounts
from survey.accounts import passwords
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
    form = UserCreateForm()
    form.sites.choices = _site_choices()
    if form.validate_on_submit():
        try:
            user = accounts.add_user(
                db.session,
                form.username.data,
                form.password.data,
                form.role.data,
                form.sites.data or [],
                actor=current_user,
            )
        except accounts.WeakPassword as exc:
            form.password.errors.append(passwords.message(exc.reason))
        except accounts.AccountError as exc:
            form.username.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Benutzer %(name)s angelegt.", name=user.username), "info")
            return redirect(url_for("admin.user_edit", user_id=user.id))
    return render_template("admin/user_new.html", form=form)


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
