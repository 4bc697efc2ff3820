"""Milestone pages: add, edit, delete, reorder; each save is a revision of the commitment."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.converters import parse_id
from ..core.form_limits import large_form
from ..core.forms import refuse
from ..core.transaction import commit
from ..extensions import db
from . import bp
from .access import get_commitment
from .choices import no_choice_label, organisation_choices
from .conflicts import (
    Submission,
    check_conflict,
    field_types,
    milestone_fields,
    milestone_label,
    milestone_stored,
    save_unless_clash,
)
from .fields import MILESTONE_TEXTS, milestone_form_bytes, milestone_text_columns
from .forms import MilestoneForm, MoveForm, VersionOnlyForm
from .models import CommitmentRevision, Milestone
from .services import delete_milestone, move_milestone, save_milestone


def _get_milestone(commitment, milestone_id: int) -> Milestone:
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None or milestone.commitment_id != commitment.id:
        abort(404)
    return milestone


def _removal(commitment, milestone_id: int, since: int | None) -> CommitmentRevision | None:
    """The revision that removed milestone ``milestone_id`` of ``commitment``, if it ever had it.

    ``since`` is the version the form was loaded from: the search starts there when given.
    """
    had_it = False
    query = (
        select(CommitmentRevision)
        .filter_by(commitment_id=commitment.id)
        .order_by(CommitmentRevision.number)
    )
    if since is not None:
        query = query.where(CommitmentRevision.number >= since)
    revisions = db.session.scalars(query)
    for revision in revisions:
        there = milestone_fields(revision.snapshot, milestone_id) is not None
        if had_it and not there:
            return revision
        had_it = had_it or there
    return None


def _removed_meanwhile(commitment, milestone_id: int):
    """A save of a milestone someone else removed: the person's text comes back, unsaved.

    The form is the one for a new milestone, filled with what they sent, so that nothing they
    wrote is lost: they may save it as a new milestone or leave it.
    """
    removal = _removal(commitment, milestone_id, parse_id(request.form.get('version')))
    if removal is None:
        removal = _removal(commitment, milestone_id, None)  # a form of an older version
    if removal is None:
        abort(404)
    form = MilestoneForm(formdata=request.form, commitment=commitment)
    form.responsible_organisation.choices = organisation_choices(blank=no_choice_label())
    form.version.data = str(commitment.version)
    return render_template(
        'commitments/edit_milestone.html', form=form, commitment=commitment, milestone=None,
        texts=MILESTONE_TEXTS, conflict=None, seen=None, removal=removal,
        action=url_for('commitments.edit_milestone', commitment_id=commitment.id),
    ), 409  # fmt: skip


def _fields_from(form: MilestoneForm) -> dict:
    fields = {name: (form[name].data or '').strip() for name in milestone_text_columns()}
    fields.update(
        responsible_organisation_id=(
            int(form.responsible_organisation.data) if form.responsible_organisation.data else None
        ),
        start_date=form.start_date.data,
        end_date=form.end_date.data,
        status=form.status.data,
        evidence_url=(form.evidence_url.data or '').strip(),
    )
    return fields


@bp.route('/commitments/<int:commitment_id>/milestones/new', methods=['GET', 'POST'])
@bp.route(
    '/commitments/<int:commitment_id>/milestones/<int:milestone_id>/edit', methods=['GET', 'POST']
)
@large_form(milestone_form_bytes)
def edit_milestone(commitment_id, milestone_id=None):
    """Add a milestone, or change one; where both people changed a field, they must choose."""
    commitment = get_commitment(commitment_id, edit=True)
    if milestone_id and request.method == 'POST':
        found = db.session.get(Milestone, milestone_id)
        if found is None:
            return _removed_meanwhile(commitment, milestone_id)
    milestone = _get_milestone(commitment, milestone_id) if milestone_id else None
    position = milestone.position if milestone is not None else len(commitment.milestones) + 1
    submission = None
    if request.method == 'POST':
        milestone_key = milestone.id if milestone is not None else None
        submission = Submission(
            commitment, request.form, field_types(MilestoneForm, milestone_stored()),
            lambda snapshot: milestone_fields(snapshot, milestone_key),
        )  # fmt: skip
    form = MilestoneForm(
        obj=milestone, commitment=commitment, **(submission.form_kwargs() if submission else {})
    )
    form.responsible_organisation.choices = organisation_choices(blank=no_choice_label())
    conflict, status = None, 200
    if not form.is_submitted():
        form.version.data = str(commitment.version)
        if milestone is not None:
            form.responsible_organisation.data = str(milestone.responsible_organisation_id or '')
    elif form.validate():
        conflict, saved = save_unless_clash(
            lambda: _milestone_conflict(commitment, position, form, submission),
            lambda: save_milestone(
                commitment, milestone, actor=current_user, fields=_fields_from(form),
                base_version=commitment.version,
            ),
        )  # fmt: skip
        if conflict is None:
            flash(_('Milestone %(n)d is saved.', n=saved.position))
            return redirect(url_for('pages.commitment', commitment_id=commitment.id))
        status = 409
    else:
        status = 400
        if submission.seen_number is not None:
            # A form error on a conflict page: the clashes and their choices stay on it.
            conflict = _milestone_conflict(
                commitment, position, form, submission, on_form_error=True
            )
    return render_template(
        'commitments/edit_milestone.html', form=form, commitment=commitment, milestone=milestone,
        texts=MILESTONE_TEXTS, conflict=conflict,
        seen=submission.seen_number if submission else None,
    ), status  # fmt: skip


def _milestone_conflict(commitment, position: int, form, submission, **kwargs) -> dict | None:
    """None when the milestone may be saved on the newest version; else the conflict page."""
    return check_conflict(
        commitment, form, submission, mine=_fields_from(form), label=milestone_label(position),
        **kwargs,
    )  # fmt: skip


@bp.route('/commitments/<int:commitment_id>/milestones/<int:milestone_id>/delete', methods=['POST'])
def delete_milestone_route(commitment_id, milestone_id):
    """Remove a milestone."""
    return _change_order(commitment_id, milestone_id, delete=True)


@bp.route('/commitments/<int:commitment_id>/milestones/<int:milestone_id>/move', methods=['POST'])
def move_milestone_route(commitment_id, milestone_id):
    """Move a milestone up or down."""
    return _change_order(commitment_id, milestone_id, delete=False)


def _change_order(commitment_id, milestone_id, *, delete: bool):
    commitment = get_commitment(commitment_id, edit=True)
    milestone = _get_milestone(commitment, milestone_id)
    form = VersionOnlyForm() if delete else MoveForm()
    if not form.validate_on_submit():
        refuse(form)
    version = form.base_version
    if delete:
        done = commit(
            lambda: delete_milestone(
                commitment, milestone, actor=current_user, base_version=version
            )
        )
    else:
        offset = -1 if form.offset.data < 0 else 1
        done = commit(
            lambda: move_milestone(
                commitment, milestone, actor=current_user, offset=offset, base_version=version
            )
        )
    if not done.ok:
        flash(done.message)
        return redirect(url_for('pages.commitment', commitment_id=commitment.id)), 303
    flash(_('The milestone is removed.') if delete else _('The order is saved.'))
    return redirect(url_for('pages.commitment', commitment_id=commitment.id))
