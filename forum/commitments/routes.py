"""Commitment pages: read, create, edit (with conflict detection), state, team."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..auth.models import User
from ..core.converters import parse_id
from ..core.form_limits import large_form
from ..core.forms import refuse
from ..core.permissions import can, deny
from ..core.states import StateError
from ..extensions import db
from ..members.models import Organisation
from ..naps.access import get_nap
from . import bp
from .checklist import check
from .choices import no_choice_label, organisation_choices, people_choices, policy_area_choices
from .conflicts import (
    Submission,
    check_conflict,
    commitment_fields,
    commitment_label,
    commitment_stored,
    field_types,
)
from .fields import COMMITMENT_TEXTS, OGP_VALUES, commitment_form_bytes, commitment_text_columns
from .forms import CommitmentForm, StateForm, TeamForm, WithdrawForm
from .models import (
    COMMITMENT_TRANSITIONS,
    Commitment,
    CommitmentState,
)
from .services import (
    Conflict,
    change_state,
    create_commitment,
    set_drafting_team,
    update_commitment,
    withdraw,
)


def get_commitment(commitment_id: int, *, edit: bool = False) -> Commitment:
    """Load a commitment the visitor may read (404 otherwise), and may edit when ``edit``."""
    commitment = db.get_or_404(Commitment, commitment_id)
    if not can(current_user, 'view_commitment', commitment):
        abort(404)
    if edit and not can(current_user, 'edit_commitment', commitment):
        deny()
    return commitment


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
    if form.validate_on_submit():
        try:
            commitment = create_commitment(
                nap, actor=current_user, fields=_fields_from(form),
                supporters=_supporters_from(form),
            )  # fmt: skip
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            flash(_('Another commitment took this number at the same moment. Please save again.'))
        else:
            flash(_('Commitment %(code)s is created.', code=commitment.code))
            return redirect(url_for('commitments.show', commitment_id=commitment.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        'commitments/edit.html', form=form, nap=nap, commitment=None, texts=COMMITMENT_TEXTS,
        values=OGP_VALUES,
    ), status  # fmt: skip


@bp.route('/commitments/<int:commitment_id>')
def show(commitment_id):
    """The commitment in Thai, English, or both side by side, with its discussion."""
    return render_commitment(get_commitment(commitment_id))


def render_commitment(commitment: Commitment, *, comment_form=None, status: int = 200):
    """The commitment page; ``comment_form`` carries a refused comment back to its author."""
    # Imported here: the comments area builds on commitments (and imports this module).
    from ..comments.discussion import discussion_context
    from ..comments.forms import CommentForm
    from ..comments.threads import anchor_choices, anchor_labels

    view = request.args.get('view')
    if view not in ('th', 'en', 'both'):
        view = None
    moves = [
        s for s in COMMITMENT_TRANSITIONS[CommitmentState(commitment.state)]
        if can(current_user, 'change_commitment_state', (commitment, s))
    ]  # fmt: skip
    may_comment = current_user.is_authenticated and can(current_user, 'comment', commitment)
    labels = anchor_labels(commitment)
    if comment_form is None and may_comment:
        comment_form = CommentForm(anchor=request.args.get('anchor', ''))
        comment_form.anchor.choices = anchor_choices(commitment)
    return render_template(
        'commitments/show.html',
        commitment=commitment,
        problems=check(commitment),
        view=view,
        texts=COMMITMENT_TEXTS,
        values=OGP_VALUES,
        moves=moves,
        can_edit=can(current_user, 'edit_commitment', commitment),
        anchor_labels=labels,
        **discussion_context(commitment, request.args, labels),
        comment_form=comment_form,
        may_comment=may_comment,
        # A refused comment: switching language comes back to the form, not to the POST address.
        language_next=(
            url_for('commitments.show', commitment_id=commitment.id) + '#discussion'
            if request.method == 'POST'
            else None
        ),
    ), status


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
        try:
            conflict = _commitment_conflict(commitment, form, submission)
            if conflict is None:
                revision = update_commitment(
                    commitment, actor=current_user, fields=_fields_from(form),
                    supporters=_supporters_from(form), base_version=commitment.version,
                )  # fmt: skip
                db.session.commit()
        except (Conflict, StaleDataError):
            # Saved by someone else between the check and the row lock.
            db.session.rollback()
            conflict = _commitment_conflict(commitment, form, submission)
            if conflict is None:  # cannot be: the version moved on from the one the save had
                abort(409)
        if conflict is None:
            if revision is None:
                flash(_('Nothing changed.'))
            else:
                flash(_('Saved as revision %(n)d.', n=revision.number))
            return redirect(url_for('commitments.show', commitment_id=commitment.id))
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


@bp.route('/commitments/<int:commitment_id>/state', methods=['POST'])
def change_state_route(commitment_id):
    """Move the commitment (send to MSF review, endorse…); refusals say why."""
    commitment = get_commitment(commitment_id)
    form = StateForm()
    if not form.validate_on_submit():
        refuse(form)
    target = form.state.data
    if target not in {s.value for s in CommitmentState}:
        abort(400, description=_('There is no such state.'))
    if not can(current_user, 'change_commitment_state', (commitment, target)):
        deny()
    try:
        change_state(commitment, target, actor=current_user)
    except StateError as exc:
        db.session.rollback()
        return _show_with_error(commitment_id, str(exc.message))
    except Conflict:
        db.session.rollback()
        return _show_with_error(
            commitment_id,
            _('Someone saved this commitment meanwhile; nothing was changed. Try again.'),
        )
    db.session.commit()
    flash(_('The commitment is now "%(state)s".', state=commitment.state_label))
    return redirect(url_for('commitments.show', commitment_id=commitment.id))


def _show_with_error(commitment_id: int, message: str):
    flash(message, 'error')
    return render_commitment(get_commitment(commitment_id), status=409)


@bp.route('/commitments/<int:commitment_id>/withdraw', methods=['GET', 'POST'])
def withdraw_route(commitment_id):
    """Withdraw the commitment, with a reason (secretariat)."""
    commitment = get_commitment(commitment_id)
    if not can(current_user, 'change_commitment_state', (commitment, 'withdrawn')):
        deny()
    form = WithdrawForm()
    if form.validate_on_submit():
        try:
            withdraw(commitment, form.reason.data, actor=current_user)
        except StateError as exc:
            db.session.rollback()
            form.reason.errors.append(str(exc.message))
        except Conflict:
            db.session.rollback()
            form.reason.errors.append(
                _('Someone saved this commitment meanwhile; nothing was changed. Try again.')
            )
        else:
            db.session.commit()
            flash(_('The commitment is withdrawn.'))
            return redirect(url_for('commitments.show', commitment_id=commitment.id))
    status = 400 if form.is_submitted() else 200
    return render_template('commitments/withdraw.html', form=form, commitment=commitment), status


@bp.route('/commitments/<int:commitment_id>/team', methods=['GET', 'POST'])
def team(commitment_id):
    """Choose the drafting team (secretariat)."""
    commitment = get_commitment(commitment_id)
    if not can(current_user, 'manage_drafting_team', commitment):
        deny()
    form = TeamForm()
    form.editors.choices = people_choices(commitment.editors)
    if not form.is_submitted():
        form.editors.data = [str(u.id) for u in commitment.editors]
    if form.validate_on_submit():
        ids = [n for n in map(parse_id, form.editors.data) if n]
        users = list(db.session.scalars(select(User).where(User.id.in_(ids))))
        set_drafting_team(commitment, users, actor=current_user)
        db.session.commit()
        flash(_('The drafting team is saved.'))
        return redirect(url_for('commitments.show', commitment_id=commitment.id))
    status = 400 if form.is_submitted() else 200
    return render_template('commitments/team.html', form=form, commitment=commitment), status


from . import history_routes, milestone_routes  # noqa: E402, F401
