"""Revision history: any two revisions side by side, and restoring an old one."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import defer

from ..core.forms import refuse
from ..core.permissions import can
from ..core.transaction import commit
from ..extensions import db
from . import bp
from .access import get_commitment
from .forms import VersionOnlyForm
from .history import compare_revisions, describe
from .models import CommitmentRevision
from .services import Conflict, restore_revision


@bp.route('/commitments/<int:commitment_id>/history')
def history(commitment_id):
    """Every revision, and the differences between two of them (``?a=…&b=…``)."""
    commitment = get_commitment(commitment_id)
    # The list needs no snapshot: only the two compared are loaded (each may be a megabyte).
    revisions = db.session.scalars(
        select(CommitmentRevision)
        .filter_by(commitment_id=commitment.id)
        .order_by(CommitmentRevision.number.desc())
        .options(defer(CommitmentRevision.snapshot))
    ).all()
    by_number = {r.number: r for r in revisions}
    b = request.args.get('b', type=int) or commitment.version
    a = request.args.get('a', type=int)
    if a is None:
        a = b - 1
    if b not in by_number or (a not in by_number and a != 0):
        abort(404)
    old, new = by_number.get(a), by_number[b]
    return render_template(
        'commitments/history.html',
        commitment=commitment,
        revisions=revisions,
        a=a,
        b=b,
        old=old,
        new=new,
        rows=compare_revisions(old, new),
        describe=describe,
        can_edit=can(current_user, 'edit_commitment', commitment),
    )


@bp.route('/commitments/<int:commitment_id>/revisions/<int:number>/restore', methods=['POST'])
def restore(commitment_id, number):
    """Make an old revision the current content again, as a new revision."""
    commitment = get_commitment(commitment_id, edit=True)
    revision = db.session.scalar(
        select(CommitmentRevision).filter_by(commitment_id=commitment.id, number=number)
    )
    if revision is None:
        abort(404)
    form = VersionOnlyForm()
    if not form.validate_on_submit():
        refuse(form)
    done = commit(
        lambda: restore_revision(
            commitment, revision, actor=current_user, base_version=form.base_version
        )
    )
    if not done.ok:
        if isinstance(done.refusal, Conflict):
            flash(_('Someone saved this commitment meanwhile; nothing was restored. Try again.'))
        else:  # the forum is deciding on this text, say: its own reason
            flash(done.message)
        return redirect(url_for('commitments.history', commitment_id=commitment.id)), 303
    new = done.value
    if new is None:
        flash(_('Revision %(n)d is the same as the current text.', n=number))
    else:
        flash(_('Revision %(n)d is restored as revision %(m)d.', n=number, m=new.number))
    return redirect(url_for('pages.commitment', commitment_id=commitment.id))
