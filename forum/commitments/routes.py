"""Commitment pages: create, edit (with conflict detection), withdraw, team.

The commitment's own page, with its discussion, is forum/pages/commitment.py.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..auth.models import User
from ..core.converters import parse_id
from ..core.form_limits import large_form
from ..core.permissions import can, deny
from ..core.transaction import commit, form_status
from ..extensions import db
from ..naps.access import get_nap
from ..sectors.models import Organisation
from . import bp
from .access import get_commitment
from .choices import no_choice_label, organisation_choices, people_choices, policy_area_choices
from .conflicts import (
    Submission,
    check_conflict,
    commitment_fields,
    commitment_label,
    commitment_stored,
    field_types,
    save_unless_clash,
)
from .fields import COMMITMENT_TEXTS, OGP_VALUES, commitment_form_bytes, commitment_text_columns
from .forms import CommitmentForm, TeamForm, WithdrawForm
from .models import (
    Commitment,
)
from .services import (
    create_commitment,
    set_drafting_team,
    update_commitment,
    withdraw,
)


def _fill_choices(form: CommitmentForm) -> None:
    form.policy_area.choices = policy_area_choices()
    form.lead_agency.choices = organisation_choices(blank=no_choice_label())
    form.supporters.choices = organisation_choices()


def _fields_from(form: CommitmentForm) -> dict:
    fields = {name: (form[name].data or '').strip() for name in commitment_text_columns()}
    fields.update(
        policy_area_id=int(form.policy_area.data),
        lead_agency_id=int(form.lead_agency.data) if form.lead_agency.data else None,
        contact_name=(form.contact_name.data or '').strip(),
        contact_email=(form.contact_email.data or '').strip(),
        start_date=form.start_date.data,
        end_date=form.end_date.data,
        budget=(form.budget.data or '').strip(),
        sdg_targets=(form.sdg_targets.data or '').strip(),
    )
    for flag, _why, _label in OGP_VALUES:
        fields[flag] = bool(form[flag].data)
    return fields


def _supporters_from(form: CommitmentForm) -> list[Organisation]:
    ids = [n for n in map(parse_id, form.supporters.data or []) if n]
    return list(db.session.scalars(select(Organisation).where(Organisation.id.in_(ids))))


@bp.route('/naps/<int:nap_id>/commitments/new', methods=['GET', 'POST'])
@large_form(commitment_form_bytes)
def create(nap_id):
    """Start a new commitment in a plan (MSF members and the secretariat)."""
    nap = get_nap(nap_id)
    if not can(current_user, 'create_commitment', nap):
        deny()
    form = CommitmentForm(nap=nap)
    _fill_choices(form)
    form.version.data = '0'
    done = None
    if form.validate_on_submit():
        # A commitment numbered at the same moment by someone else: the next try takes the next.
        done = commit(
            lambda: create_commitment(
                nap, actor=current_user, fields=_fields_from(form),
                supporters=_supporters_from(form),
            ),
            retry_race=True,
        )  # fmt: skip
        if done.ok:
            flash(_('Commitment %(code)s is created.', code=done.value.code))
            return redirect(url_for('pages.commitment', commitment_id=done.value.id))
        flash(done.message, 'error')
    status = form_status(form, done)
    return render_template(
        'commitments/edit.html', form=form, nap=nap, commitment=None, texts=COMMITMENT_TEXTS,
        values=OGP_VALUES,
    ), status  # fmt: skip


@bp.route('/commitments/<int:commitment_id>/edit', methods=['GET', 'POST'])
@large_form(commitment_form_bytes)
def edit(commitment_id):
    """Edit every field; a save based on an old version is refused with the other's change.

    Where both people changed a field, the save stays refused until the person has chosen which
    version to keep (see :mod:`.conflicts`).
    """
    commitment = get_commitment(commitment_id, edit=True)
    submission = None
    if request.method == 'POST':
        submission = Submission(
            commitment, request.form, field_types(CommitmentForm, commitment_stored()),
            commitment_fields,
        )  # fmt: skip
    form = CommitmentForm(
        obj=commitment, nap=commitment.nap, milestones=commitment.milestones,
        **(submission.form_kwargs() if submission else {}),
    )  # fmt: skip
    _fill_choices(form)
    conflict, status = None, 200
    if not form.is_submitted():
        form.version.data = str(commitment.version)
        form.policy_area.data = str(commitment.policy_area_id)
        form.lead_agency.data = str(commitment.lead_agency_id or '')
        form.supporters.data = [str(o.id) for o in commitment.supporters]
    elif form.validate():
        conflict, revision = save_unless_clash(
            lambda: _commitment_conflict(commitment, form, submission),
            lambda: update_commitment(
                commitment, actor=current_user, fields=_fields_from(form),
                supporters=_supporters_from(form), base_version=commitment.version,
            ),
        )  # fmt: skip
        if conflict is None:
            if revision is None:
                flash(_('Nothing changed.'))
            else:
                flash(_('Saved as revision %(n)d.', n=revision.number))
            return redirect(url_for('pages.commitment', commitment_id=commitment.id))
        status = 409
    else:
        status = 400
        if submission.seen_number is not None:
            # A form error on a conflict page: the clashes and their choices stay on it.
            conflict = _commitment_conflict(commitment, form, submission, on_form_error=True)
    return render_template(
        'commitments/edit.html', form=form, nap=commitment.nap, commitment=commitment,
        texts=COMMITMENT_TEXTS, values=OGP_VALUES, conflict=conflict,
        seen=submission.seen_number if submission else None,
    ), status  # fmt: skip


def _commitment_conflict(commitment: Commitment, form, submission, **kwargs) -> dict | None:
    """None when the form may be saved on the newest version; else the conflict page."""
    mine = _fields_from(form)
    mine['supporters'] = [n for n in map(parse_id, form.supporters.data or []) if n]
    return check_conflict(commitment, form, submission, mine=mine, label=commitment_label, **kwargs)


@bp.route('/commitments/<int:commitment_id>/withdraw', methods=['GET', 'POST'])
def withdraw_route(commitment_id):
    """Withdraw the commitment, with a reason (secretariat)."""
    commitment = get_commitment(commitment_id)
    if not can(current_user, 'change_commitment_state', (commitment, 'withdrawn')):
        deny()
    form, done = WithdrawForm(), None
    if form.validate_on_submit():
        done = commit(
            lambda: withdraw(commitment, form.reason.data, actor=current_user),
            errors=form.reason.errors,
        )
        if done.ok:
            flash(_('The commitment is withdrawn.'))
            return redirect(url_for('pages.commitment', commitment_id=commitment.id))
    status = form_status(form, done)
    return render_template('commitments/withdraw.html', form=form, commitment=commitment), status


@bp.route('/commitments/<int:commitment_id>/team', methods=['GET', 'POST'])
def team(commitment_id):
    """Choose the drafting team (secretariat)."""
    commitment = get_commitment(commitment_id)
    if not can(current_user, 'manage_drafting_team', commitment):
        deny()
    form, done = TeamForm(), None
    form.editors.choices = people_choices(commitment.editors)
    if not form.is_submitted():
        form.editors.data = [str(u.id) for u in commitment.editors]
    if form.validate_on_submit():
        ids = [n for n in map(parse_id, form.editors.data) if n]
        users = list(db.session.scalars(select(User).where(User.id.in_(ids))))
        done = commit(
            lambda: set_drafting_team(commitment, users, actor=current_user),
            errors=form.editors.errors,
        )
        if done.ok:
            flash(_('The drafting team is saved.'))
            return redirect(url_for('pages.commitment', commitment_id=commitment.id))
    status = form_status(form, done)
    return render_template('commitments/team.html', form=form, commitment=commitment), status
