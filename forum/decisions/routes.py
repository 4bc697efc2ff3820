"""Decision pages: the list, one decision with its result by sector, open, vote, close."""

from __future__ import annotations

from fractions import Fraction

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..commitments.access import get_commitment
from ..core.forms import refuse
from ..core.permissions import can, deny, require
from ..core.transaction import commit, form_status
from ..extensions import db
from ..naps.access import get_nap
from ..sectors.services import list_sectors
from . import bp
from .forms import CloseForm, OpenDecisionForm, VoteForm
from .models import Decision, Vote
from .services import (
    cast_vote,
    close_decision,
    open_decision,
    over_seats,
    result_of,
    voting_seat,
)
from .tally import OUTCOMES


def get_decision(decision_id: int) -> Decision:
    """A decision whose subject the visitor may read (404 otherwise)."""
    decision = db.get_or_404(Decision, decision_id)
    if decision.commitment is not None:
        visible = can(current_user, 'view_commitment', decision.commitment)
    else:
        visible = can(current_user, 'view_nap', decision.nap)
    if not visible:
        abort(404)
    return decision


@bp.route('')
def index():
    """Every decision of the forum, latest first (those the visitor may read)."""
    rows = db.session.scalars(select(Decision).order_by(Decision.id.desc())).unique()
    shown = [
        d
        for d in rows
        if (
            can(current_user, 'view_commitment', d.commitment)
            if d.commitment is not None
            else can(current_user, 'view_nap', d.nap)
        )
    ]
    return render_template('decisions/index.html', decisions=shown)


def _vote_form(decision: Decision) -> VoteForm:
    form = VoteForm()
    form.choice.choices = [(c.value, c.label) for c in decision.allowed_choices()]
    return form


@bp.route('/<int:decision_id>')
def show(decision_id):
    """One decision: what is decided, how, the answers by sector, and the result."""
    decision = get_decision(decision_id)
    return _render(decision)


def _render(decision: Decision, *, vote_form=None, status: int = 200):
    mine = None
    seat = None
    if current_user.is_authenticated:
        mine = db.session.scalar(
            select(Vote).filter_by(decision_id=decision.id, voter_id=current_user.id)
        )
        seat = voting_seat(current_user)
    return render_template(
        'decisions/show.html',
        decision=decision,
        result=result_of(decision),
        sectors={s.id: s for s in list_sectors()},
        mine=mine,
        seat=seat,
        over_seats=set() if decision.is_open else over_seats(decision),
        # A closed decision says what was recorded when it closed, not a count made now.
        closed_outcome=None if decision.is_open else OUTCOMES.get(decision.outcome, ''),
        vote_form=vote_form or _vote_form(decision),
        close_form=CloseForm(),
    ), status


@bp.route('/new/commitment/<int:commitment_id>', methods=['GET', 'POST'])
@bp.route('/new/plan/<int:nap_id>', methods=['GET', 'POST'])
@require('manage_decisions')
def new(commitment_id=None, nap_id=None):
    """Put the endorsement of a commitment, or of a plan's draft, to the forum."""
    commitment = get_commitment(commitment_id) if commitment_id else None
    nap = commitment.nap if commitment else get_nap(nap_id)
    form = OpenDecisionForm()
    done = None
    if form.validate_on_submit():
        num, _sep, den = form.quorum.data.partition('/')
        done = commit(
            lambda: open_decision(
                actor=current_user,
                mode=form.mode.data,
                quorum=Fraction(int(num), int(den)),
                commitment=commitment,
                nap=nap,
                note=form.note.data or '',
            ),
            errors=form.mode.errors,
        )
        if done.ok:
            flash(_('The decision is open: members may now answer.'))
            return redirect(url_for('decisions.show', decision_id=done.value.id))
    return render_template(
        'decisions/new.html', form=form, commitment=commitment, nap=nap
    ), form_status(form, done)


@bp.route('/<int:decision_id>/vote', methods=['POST'])
@login_required
def vote(decision_id):
    """A member answers (once, from the seat they hold today)."""
    decision = get_decision(decision_id)
    if not can(current_user, 'vote', decision):
        deny()
    form = _vote_form(decision)
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            refuse(form)
        return _render(decision, vote_form=form, status=400)
    done = commit(
        lambda: cast_vote(decision, actor=current_user, choice=form.choice.data),
        retry_race=True,  # the same vote sent twice at once: the retry finds the first
        errors=form.choice.errors,
    )
    if not done.ok:
        flash(done.message, 'error')
        return _render(get_decision(decision_id), vote_form=form, status=done.status)
    flash(_('Your answer is recorded.'))
    return redirect(url_for('decisions.show', decision_id=decision.id))


@bp.route('/<int:decision_id>/close', methods=['POST'])
@require('manage_decisions')
def close(decision_id):
    """Close the decision and record its result (a passed endorsement endorses)."""
    decision = get_decision(decision_id)
    form = CloseForm()
    if not form.validate_on_submit():
        refuse(form)
    done = commit(lambda: close_decision(decision, actor=current_user))
    if not done.ok:
        flash(done.message, 'error')
        return _render(get_decision(decision_id), status=done.status)
    flash(_('The decision is closed: %(outcome)s', outcome=done.value.outcome_label))
    return redirect(url_for('decisions.show', decision_id=decision.id))
