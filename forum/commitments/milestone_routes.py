"""Milestone pages: add, edit, delete, reorder; each save is a revision of the commitment."""

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.forms import refuse
from ..extensions import db
from . import bp
from .choices import no_choice_label, organisation_choices
from .fields import MILESTONE_TEXTS, milestone_text_columns
from .forms import MilestoneForm, MoveForm, VersionOnlyForm
from .history import CONFLICT_HELP, describe
from .merge import three_way
from .models import Milestone
from .routes import _conflict, get_commitment
from .services import Conflict, delete_milestone, move_milestone, save_milestone


def _get_milestone(commitment, milestone_id: int) -> Milestone:
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None or milestone.commitment_id != commitment.id:
        abort(404)
    return milestone


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


def _merge_milestone_form(form: MilestoneForm, milestone_id: int, conflict: dict) -> list[str]:
    """Bring the other person's changes to this milestone into the form; return the clashes."""

    def find(snapshot):
        return next((m for m in snapshot['milestones'] if m['id'] == milestone_id), None)

    base, current = find(conflict['base']), find(conflict['current'])
    if base is None or current is None:
        return []
    mine = _fields_from(form)
    merged, clashes = three_way(mine, base, current)
    for name, value in merged.items():
        if value == mine[name]:
            continue
        if name == 'responsible_organisation_id':
            form.responsible_organisation.data = str(value or '')
        elif name.endswith('_date'):
            form[name].data = date.fromisoformat(value) if value else None
        else:
            form[name].data = value
    return [describe(f'milestones.{current["position"]}.{name}') for name in clashes]


@bp.route('/commitments/<int:commitment_id>/milestones/new', methods=['GET', 'POST'])
@bp.route(
    '/commitments/<int:commitment_id>/milestones/<int:milestone_id>/edit', methods=['GET', 'POST']
)
def edit_milestone(commitment_id, milestone_id=None):
    """Add a milestone, or change one."""
    commitment = get_commitment(commitment_id, edit=True)
    milestone = _get_milestone(commitment, milestone_id) if milestone_id else None
    form = MilestoneForm(obj=milestone, commitment=commitment)
    form.responsible_organisation.choices = organisation_choices(blank=no_choice_label())
    conflict = None
    if not form.is_submitted():
        form.version.data = str(commitment.version)
        if milestone is not None:
            form.responsible_organisation.data = str(milestone.responsible_organisation_id or '')
    elif form.validate():
        try:
            saved = save_milestone(
                commitment, milestone, actor=current_user, fields=_fields_from(form),
                base_version=form.base_version,
            )  # fmt: skip
            db.session.commit()
        except Conflict as exc:
            db.session.rollback()
            conflict = _conflict(commitment, exc.base_version)
            if milestone is not None:
                conflict['clashes'] = _merge_milestone_form(form, milestone.id, conflict)
            form.version.data = str(commitment.version)
        else:
            flash(_('Milestone %(n)d is saved.', n=saved.position))
            return redirect(url_for('commitments.show', commitment_id=commitment.id))
    status = 409 if conflict else (400 if form.is_submitted() else 200)
    return render_template(
        'commitments/edit_milestone.html', form=form, commitment=commitment, milestone=milestone,
        texts=MILESTONE_TEXTS, conflict=conflict, conflict_help=CONFLICT_HELP,
    ), status  # fmt: skip


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
    try:
        if delete:
            delete_milestone(commitment, milestone, actor=current_user, base_version=version)
        else:
            offset = -1 if form.offset.data < 0 else 1
            move_milestone(
                commitment, milestone, actor=current_user, offset=offset, base_version=version
            )
        db.session.commit()
    except Conflict:
        db.session.rollback()
        flash(_('Someone saved this commitment meanwhile; nothing was changed. Try again.'))
        return redirect(url_for('commitments.show', commitment_id=commitment.id)), 303
    flash(_('The milestone is removed.') if delete else _('The order is saved.'))
    return redirect(url_for('commitments.show', commitment_id=commitment.id))
