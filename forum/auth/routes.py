"""Register, log in, log out, change one's password; throttled (docs/security.md)."""

import hashlib
import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded, RequestLimit
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from ..core.throttle import refusal
from ..core.transaction import commit, form_status
from ..core.urls import safe_next
from ..extensions import limiter
from ..realtime.presence import disconnect_user
from ..sectors.services import list_sectors
from . import bp
from .forms import ChangePasswordForm, LoginForm, RegisterForm
from .services import authenticate, change_password, create_user, end_sessions
from .sessions import check_session, end_session, start_session

# -- throttles: limits are read from the configuration at each request ------------------------


def _login_limit() -> str:
    return current_app.config['LOGIN_RATE_LIMIT']


def _login_address_limit() -> str:
    return current_app.config['LOGIN_ADDRESS_RATE_LIMIT']


def _register_limit() -> str:
    return current_app.config['REGISTER_RATE_LIMIT']


def _account_tried() -> str:
    """The per-account key of a login: the email as typed, normalised and hashed (never stored)."""
    email = (request.form.get('email') or '').strip().lower()
    return 'account:' + hashlib.sha256(email.encode('utf-8', 'surrogatepass')).hexdigest()


def _current_account() -> str:
    return f'user:{current_user.id}'


def _refused(response) -> bool:
    """Only refused attempts count (a wrong password is a 400): logging in costs nothing."""
    return response.status_code == 400


def _too_many(template: str, form, limit: RequestLimit):
    """The form again, saying when to try again, with 429 (Flask-Limiter's ``on_breach``)."""
    wait = limit.window.reset_time - time.time()
    form.form_errors.append(refusal(wait))
    response = current_app.make_response((render_template(template, form=form), 429))
    response.headers['Retry-After'] = str(max(1, int(wait)))
    return response


@bp.errorhandler(RateLimitExceeded)
def _throttled(exc: RateLimitExceeded):
    """The page ``on_breach`` made, instead of the generic error page."""
    if exc.response is not None:
        return exc.response
    return render_template('errors/error.html', code=429, message=refusal(60)), 429


@bp.before_app_request
def _check_session():
    """End a login that has ended elsewhere, or idled too long (docs/security.md#sessions)."""
    if request.endpoint in ('static', 'main.healthz'):
        return
    if not check_session():
        flash(_('Your session has ended. Please log in again.'))


# -- pages --------------------------------------------------------------------------------------


def _register_form() -> RegisterForm:
    form = RegisterForm()
    form.sector.choices = [SelectChoice('', _('Choose a sector'))] + [
        SelectChoice(s.code, s.name) for s in list_sectors()
    ]
    return form


@bp.route('/register', methods=['GET', 'POST'])
@limiter.limit(
    _register_limit,
    methods=['POST'],
    on_breach=lambda limit: _too_many('auth/register.html', _register_form(), limit),
)
def register():
    """Create an account and log in."""
    if current_user.is_authenticated:
        return redirect(url_for('main.index'))
    form, done = _register_form(), None
    sectors = {s.code: s for s in list_sectors()}
    if form.validate_on_submit():
        sector = sectors.get(form.sector.data)
        if sector is None:
            form.sector.errors.append(_('Choose one of the listed sectors.'))
        else:
            # The same email registered twice at once: the retry finds the first account.
            done = commit(
                lambda: create_user(
                    actor=None,
                    email=form.email.data,
                    password=form.password.data,
                    display_name=form.display_name.data,
                    sector=sector,
                    organisation_name=form.organisation.data,
                    locale=session.get('lang'),
                    self_registered=True,
                ),
                retry_race=True,
                errors=form.email.errors,
            )
            if done.ok:
                user = done.value
                start_session(user)
                flash(_('Welcome, %(name)s. Your account is ready.', name=user.display_name))
                return redirect(url_for('main.index'))
    return render_template('auth/register.html', form=form), form_status(form, done)


@bp.route('/login', methods=['GET', 'POST'])
@limiter.limit(
    _login_limit,
    key_func=_account_tried,
    methods=['POST'],
    deduct_when=_refused,
    on_breach=lambda limit: _too_many('auth/login.html', LoginForm(), limit),
)
@limiter.limit(
    _login_address_limit,
    methods=['POST'],
    deduct_when=_refused,
    on_breach=lambda limit: _too_many('auth/login.html', LoginForm(), limit),
)
def login():
    """Log in with email and password."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get('next')))
    form = LoginForm()
    if form.validate_on_submit():
        # Committed: a matching password stored with old hash settings is rehashed.
        user = commit(lambda: authenticate(form.email.data, form.password.data)).value
        if user is None:
            form.password.errors.append(_('Wrong email or password.'))
        else:
            start_session(user, remember=form.remember.data)
            if user.locale:
                session['lang'] = user.locale
            flash(_('You are logged in.'))
            return redirect(safe_next(request.args.get('next')))
    return render_template('auth/login.html', form=form), form_status(form)


@bp.route('/logout', methods=['POST'])
@login_required
def logout():
    """Log out (POST with CSRF) everywhere: every session of this person ends, sockets close."""
    user = current_user._get_current_object()
    commit(lambda: end_sessions(user, actor=user))
    end_session()
    disconnect_user(user.id)
    flash(_('You are logged out.'))
    return redirect(url_for('main.index'))


@bp.route('/password', methods=['GET', 'POST'])
@login_required
@limiter.limit(
    _login_limit,
    key_func=_current_account,
    methods=['POST'],
    deduct_when=_refused,
    on_breach=lambda limit: _too_many('auth/password.html', ChangePasswordForm(), limit),
)
def password():
    """Change one's password: every other session ends, this browser stays logged in."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not user.check_password(form.current_password.data):
            form.current_password.errors.append(_('This is not your current password.'))
        else:
            commit(lambda: change_password(user, actor=user, password=form.password.data))
            remembered = current_app.config.get('REMEMBER_COOKIE_NAME', 'remember_token')
            start_session(user, remember=remembered in request.cookies)
            disconnect_user(user.id)
            flash(_('Your password is changed. You were logged out on every other device.'))
            return redirect(url_for('main.index'))
    return render_template('auth/password.html', form=form), form_status(form)
