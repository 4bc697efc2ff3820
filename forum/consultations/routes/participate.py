"""Taking part: registering for consultation, submitting an input, its confirmation, withdrawal."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...core.forms import BaseForm, refuse
from ...core.transaction import commit, form_status
from ...core.urls import safe_next
from ...db import utcnow
from ...sectors.services import sector_by_code
from .. import bp
from ..access import get_input, get_round
from ..choices import about_choices, about_label, optional_provinces, sector_choices
from ..forms import InputForm, JoinForm
from ..services.inputs import submit_input, withdraw_input
from ..services.participants import current_participant, register_participant
from .staff import render_input


def _next() -> str:
    target = request.args.get('next')
    return safe_next(target) if target else url_for('consultations.index')


@bp.route('/join', methods=['GET', 'POST'])
@login_required
def join():
    """Register for consultation: sector, organisation, province, consent to the notice."""
    known = current_participant(current_user, any_version=True)
    form, done = JoinForm(), None
    form.sector.choices = sector_choices()
    form.province.choices = optional_provinces()
    if not form.is_submitted():
        form.sector.data = (known.sector if known else current_user.sector).code
        form.organisation.data = known.organisation if known else current_user.organisation_label
        form.province.data = (known.province if known else '') or ''
    if form.validate_on_submit():
        sector = sector_by_code(form.sector.data)
        done = commit(
            lambda: register_participant(
                current_user,
                actor=current_user,
                sector=sector,
                organisation=form.organisation.data,
                province=form.province.data or None,
                consent=form.consent.data,
            ),
            errors=form.consent.errors,
        )
        if done.ok:
            flash(_('You are registered for the consultation.'))
            return redirect(_next())
    return render_template('consultations/join.html', form=form, known=known), form_status(
        form, done
    )


@bp.route('/<int:round_id>/inputs/new', methods=['GET', 'POST'])
@login_required
def submit(round_id):
    """Submit an input while the round takes inputs; a confirmation with its tracking number."""
    round_ = get_round(round_id)
    now = utcnow()
    if request.method == 'GET':
        if not round_.is_accepting(now):
            message = round_.refusal_to_take_inputs(now).message
            return render_template('consultations/closed.html', round=round_, message=message), 409
        if current_participant(current_user) is None:
            return redirect(url_for('consultations.join', next=request.full_path.rstrip('?')))
    form, done = InputForm(), None
    form.about.choices = about_choices(round_)
    if not form.is_submitted():
        form.about.data = request.args.get('about', '')
    if form.validate_on_submit():
        done = commit(
            lambda: submit_input(
                round_,
                actor=current_user,
                about=form.about.data,
                body=form.body.data,
                publish_name=form.publish_name.data,
                client_id=form.client_id.data,
            ),
            retry_race=True,  # the same form sent twice at once: the retry finds the first
            errors=form.body.errors,
        )
        if done.ok:
            item = done.value
            flash(
                _('Your input is received: its tracking number is %(n)s.', n=item.tracking_number)
            )
            return redirect(url_for('consultations.input_page', input_id=item.id))
    return render_template(
        'consultations/submit.html',
        round=round_,
        form=form,
        participant=current_participant(current_user),
        chosen=about_label(round_, form.about.data or ''),
    ), form_status(form, done)


@bp.route('/inputs/<int:input_id>')
def input_page(input_id):
    """An input as received: its tracking number, and what may be done with it."""
    return render_input(get_input(input_id))


@bp.route('/inputs/<int:input_id>/withdraw', methods=['POST'])
def withdraw(input_id):
    """Withdraw one's own input while the round takes inputs."""
    item = get_input(input_id)
    form = BaseForm()
    if not form.validate_on_submit():
        refuse(form)
    done = commit(lambda: withdraw_input(item, actor=current_user))
    if not done.ok:
        flash(done.message, 'error')
        return render_input(get_input(input_id), status=done.status)
    flash(_('Input %(n)s is withdrawn: it will not be published.', n=item.tracking_number))
    return redirect(url_for('consultations.input_page', input_id=item.id))
