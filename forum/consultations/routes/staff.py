"""The secretariat's work on inputs and themes: theme, duplicate, respond, hide, promote."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...comments.models import Comment
from ...core.converters import parse_id
from ...core.permissions import can, require
from ...core.transaction import commit, form_status
from ...extensions import db
from .. import bp
from ..access import commitment_codes, get_input, get_round, get_theme
from ..choices import about_label, revision_choices, theme_choices
from ..forms import ChooseThemeForm, HideForm, MergeForm, MergeThemeForm, PromoteForm, RespondForm
from ..models import ConsultationInput, ConsultationRound, ConsultationTheme
from ..services.inputs import hide_input, promote_comment
from ..services.responses import respond
from ..services.themes import merge_input, merge_theme, set_theme, unmerge_input

_TRACKING = re.compile(r'C(\d{1,9})-(\d{1,9})')


def _respond_form(target, round_: ConsultationRound, form: RespondForm | None = None):
    own = target.response
    if form is None:
        form = RespondForm(formdata=None)
        if own is not None:
            form.disposition.data = own.disposition
            form.reason.data = own.reason
            form.revisions.data = [str(r.id) for r in own.revisions]
    form.revisions.choices = revision_choices(round_, own.revisions if own else ())
    return form


def render_input(item: ConsultationInput, *, status: int = 200, **forms):
    """The input page; the secretariat's forms (``forms`` carries a refused one back)."""
    staff = can(current_user, 'manage_consultations')
    context = {}
    if staff:
        theme_form = forms.get('theme_form') or ChooseThemeForm(formdata=None, theme=item.theme_id)
        theme_form.theme.choices = theme_choices(item.round_id, none_label=_('No theme'))
        context = {
            'theme_form': theme_form,
            'merge_form': forms.get('merge_form') or MergeForm(formdata=None),
            'respond_form': _respond_form(item, item.round, forms.get('respond_form')),
            'hide_form': forms.get('hide_form') or HideForm(formdata=None),
            'duplicates': db.session.scalars(
                select(ConsultationInput).filter_by(duplicate_of_id=item.id)
            ).all(),
        }
    return render_template(
        'consultations/input.html',
        item=item,
        about=about_label(item.round, _about_value(item)),
        staff=staff,
        response=item.effective_response(),
        codes=commitment_codes(item.round.nap_id),
        **context,
    ), status


def _about_value(item: ConsultationInput) -> str:
    if item.commitment_id is None:
        return ''
    return f'c{item.commitment_id}' + (f':{item.anchor_key}' if item.anchor else '')


def _staff_input(input_id: int) -> ConsultationInput:
    item = get_input(input_id)
    if not can(current_user, 'manage_consultations'):
        abort(403)
    return item


def _done(item: ConsultationInput, message: str):
    flash(message)
    return redirect(url_for('consultations.input_page', input_id=item.id))


@bp.route('/inputs/<int:input_id>/theme', methods=['POST'])
def input_theme(input_id):
    """Put the input under a theme, or under none."""
    item = _staff_input(input_id)
    form = ChooseThemeForm()
    form.theme.choices = theme_choices(item.round_id, none_label=_('No theme'))
    done = None
    if form.validate_on_submit():
        theme = None
        if form.theme.data:
            theme = db.session.get(ConsultationTheme, parse_id(form.theme.data) or 0)
            if theme is None:
                abort(400, description=_('There is no such theme.'))
        done = commit(lambda: set_theme(item, theme, actor=current_user), errors=form.theme.errors)
        if done.ok:
            return _done(item, _('The theme is saved.'))
    return render_input(item, theme_form=form, status=form_status(form, done))


def find_by_tracking(round_: ConsultationRound, text: str) -> ConsultationInput | None:
    """The input of ``round_`` with the tracking number ``text`` (``C1-000012``), or None."""
    match = _TRACKING.fullmatch((text or '').strip().upper())
    if match is None or int(match.group(1)) != round_.number:
        return None
    return db.session.scalar(
        select(ConsultationInput).filter_by(round_id=round_.id, seq=int(match.group(2)))
    )


@bp.route('/inputs/<int:input_id>/merge', methods=['POST'])
def merge(input_id):
    """Mark the input a duplicate of another (by tracking number); both are kept."""
    item = _staff_input(input_id)
    form, done = MergeForm(), None
    if form.validate_on_submit():
        original = find_by_tracking(item.round, form.original.data)
        if original is None:
            form.original.errors.append(_('No input of this round has that tracking number.'))
        else:
            done = commit(
                lambda: merge_input(item, original, actor=current_user),
                errors=form.original.errors,
            )
            if done.ok:
                return _done(item, _('The input is marked as a duplicate.'))
    return render_input(item, merge_form=form, status=form_status(form, done))


@bp.route('/inputs/<int:input_id>/unmerge', methods=['POST'])
def unmerge(input_id):
    """Make the input stand on its own again."""
    item = _staff_input(input_id)
    form = MergeForm(formdata=None)  # the button sends no field: its refusal is shown on it
    form.original.errors = []
    done = commit(lambda: unmerge_input(item, actor=current_user), errors=form.original.errors)
    if done.ok:
        return _done(item, _('The input stands on its own again.'))
    return render_input(item, merge_form=form, status=done.status)


@bp.route('/inputs/<int:input_id>/respond', methods=['POST'])
def respond_input(input_id):
    """Give the input its own reasoned response."""
    item = _staff_input(input_id)
    form = _respond_form(item, item.round, RespondForm())
    done = None
    if form.validate_on_submit():
        done = _respond(item, form)
        if done.ok:
            return _done(item, _('The response is saved.'))
    return render_input(item, respond_form=form, status=form_status(form, done))


def _respond(target, form: RespondForm):
    return commit(
        lambda: respond(
            target,
            actor=current_user,
            disposition=form.disposition.data,
            reason=form.reason.data,
            revision_ids=[parse_id(v) for v in form.revisions.data or ()],
        ),
        errors=form.reason.errors,
    )


@bp.route('/inputs/<int:input_id>/hide', methods=['POST'])
def hide(input_id):
    """Hide the input from the public, saying why."""
    item = _staff_input(input_id)
    form, done = HideForm(), None
    if form.validate_on_submit():
        done = commit(
            lambda: hide_input(item, actor=current_user, reason=form.reason.data),
            errors=form.reason.errors,
        )
        if done.ok:
            return _done(item, _('The input is hidden.'))
    return render_input(item, hide_form=form, status=form_status(form, done))


# -- themes ---------------------------------------------------------------------------------


def render_theme(theme: ConsultationTheme, *, status: int = 200, **forms):
    """A theme: its inputs, its response, merging it into another."""
    round_ = db.session.get(ConsultationRound, theme.round_id)
    merge_form = forms.get('merge_form') or MergeThemeForm(formdata=None)
    merge_form.target.choices = theme_choices(round_.id, exclude=theme.id)
    return render_template(
        'consultations/theme.html',
        theme=theme,
        round=round_,
        respond_form=_respond_form(theme, round_, forms.get('respond_form')),
        merge_form=merge_form,
        codes=commitment_codes(round_.nap_id),
    ), status


@bp.route('/themes/<int:theme_id>')
def theme_page(theme_id):
    """A theme of a round (the secretariat)."""
    return render_theme(get_theme(theme_id))


@bp.route('/themes/<int:theme_id>/respond', methods=['POST'])
def respond_theme(theme_id):
    """Respond to the theme: the response applies to each of its inputs without their own."""
    theme = get_theme(theme_id)
    round_ = db.session.get(ConsultationRound, theme.round_id)
    form = _respond_form(theme, round_, RespondForm())
    done = None
    if form.validate_on_submit():
        done = _respond(theme, form)
        if done.ok:
            flash(_('The response is saved; it applies to every input of the theme.'))
            return redirect(url_for('consultations.theme_page', theme_id=theme.id))
    return render_theme(theme, respond_form=form, status=form_status(form, done))


@bp.route('/themes/<int:theme_id>/merge', methods=['POST'])
def merge_theme_route(theme_id):
    """Merge the theme into another: its inputs move there, the theme stays as a pointer."""
    theme = get_theme(theme_id)
    form = MergeThemeForm()
    form.target.choices = theme_choices(theme.round_id, exclude=theme.id)
    done = None
    if form.validate_on_submit():
        target = db.session.get(ConsultationTheme, parse_id(form.target.data) or 0)
        if target is None:
            form.target.errors.append(_('Choose another theme of this round.'))
        else:
            done = commit(
                lambda: merge_theme(theme, target, actor=current_user), errors=form.target.errors
            )
            if done.ok:
                flash(_('The themes are merged.'))
                return redirect(url_for('consultations.theme_page', theme_id=target.id))
    return render_theme(theme, merge_form=form, status=form_status(form, done))


@bp.route('/<int:round_id>/promote', methods=['POST'])
@require('manage_consultations')
def promote(round_id):
    """Make a comment on a commitment of the round an input of the round."""
    round_ = get_round(round_id, manage=True)
    form = PromoteForm()
    if not form.validate_on_submit():
        abort(400, description=_('This form has expired. Please try again.'))
    comment = db.session.get(Comment, parse_id(form.comment_id.data) or 0)
    if comment is None:
        abort(404)
    done = commit(lambda: promote_comment(round_, comment, actor=current_user), retry_race=True)
    if not done.ok:
        flash(done.message, 'error')
        return redirect(url_for('consultations.manage', round_id=round_.id) + '#comments')
    return _done(done.value, _('The comment is input %(n)s.', n=done.value.tracking_number))
