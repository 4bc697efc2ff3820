"""Register, log in, log out."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from wtforms.fields.choices import SelectChoice

from ..core.urls import safe_next
from ..extensions import db
from ..members.services import list_sectors
from ..realtime.presence import disconnect_user
from . import bp
from .forms import LoginForm, RegisterForm
from .services import EmailTaken, create_user, user_by_email


@bp.route('/register', methods=['GET', 'POST'])
def register():
    """Create an account and log in."""
    if current_user.is_authenticated:
        return redirect(url_for('main.index'))
    form = RegisterForm()
    sectors = {s.code: s for s in list_sectors()}
    form.sector.choices = [SelectChoice('', _('Choose a sector'))] + [
        SelectChoice(c, s.name) for c, s in sectors.items()
    ]
    if form.validate_on_submit():
        sector = sectors.get(form.sector.data)
        if sector is None:
            form.sector.errors.append(_('Choose one of the listed sectors.'))
        else:
            try:
                user = create_user(
                    actor=None,
                    email=form.email.data,
                    password=form.password.data,
                    display_name=form.display_name.data,
                    sector=sector,
                    organisation_name=form.organisation.data,
                    locale=session.get('lang'),
                    self_registered=True,
                )
                db.session.commit()
            except (EmailTaken, IntegrityError):
                db.session.rollback()
                form.email.errors.append(
                    _('An account with this email exists already. Log in instead.')
                )
            else:
                login_user(user)
                flash(_('Welcome, %(name)s. Your account is ready.', name=user.display_name))
                return redirect(url_for('main.index'))
    status = 400 if form.is_submitted() else 200
    return render_template('auth/register.html', form=form), status


@bp.route('/login', methods=['GET', 'POST'])
def login():
    """Log in with email and password."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get('next')))
    form = LoginForm()
    if form.validate_on_submit():
        user = user_by_email(form.email.data)
        if user is None or not user.is_active or not user.check_password(form.password.data):
            form.password.errors.append(_('Wrong email or password.'))
        else:
            db.session.commit()  # a rehashed password, if any
            login_user(user)
            if user.locale:
                session['lang'] = user.locale
            flash(_('You are logged in.'))
            return redirect(safe_next(request.args.get('next')))
    status = 400 if form.is_submitted() else 200
    return render_template('auth/login.html', form=form), status


@bp.route('/logout', methods=['POST'])
@login_required
def logout():
    """Log out (POST with CSRF) and close this person's live connections."""
    user_id = current_user.id
    lang = session.get('lang')
    logout_user()
    session.clear()
    if lang:
        session['lang'] = lang
    disconnect_user(user_id)
    flash(_('You are logged out.'))
    return redirect(url_for('main.index'))
