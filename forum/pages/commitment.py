"""The commitment page: the commitment in the OGP template, with its discussion.

Besides the page itself, the two actions whose refusal shows it again: a state change (409 with
the reason) and a comment sent without JavaScript (400, the text kept in the form).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..balance.panel import balance_charts
from ..comments.discussion import back_to, discussion_context
from ..comments.forms import CommentForm
from ..comments.gates import why_not
from ..comments.services import post_comment as post_comment_service
from ..comments.threads import anchor_choices, anchor_labels
from ..commitments.access import get_commitment
from ..commitments.checklist import check
from ..commitments.fields import COMMITMENT_TEXTS, OGP_VALUES
from ..commitments.forms import StateForm
from ..commitments.models import (
    COMMITMENT_TRANSITIONS,
    Commitment,
    CommitmentState,
)
from ..commitments.services import change_state
from ..consultations.notices import commitment_notice
from ..core.converters import parse_id
from ..core.forms import refuse
from ..core.permissions import can, deny
from ..core.transaction import commit, form_status
from ..decisions.services import decisions_on
from . import bp
from . import cache as page_cache


@bp.route('/commitments/<int:commitment_id>')
def commitment(commitment_id):
    """The commitment in Thai, English, or both side by side, with its discussion.

    Anonymous readers may get it from :mod:`.cache` (the same version and comments).
    """
    key = page_cache.key_for(commitment_id)
    if key is not None and (kept := page_cache.get(key)) is not None:
        return kept
    html, status = render_commitment(get_commitment(commitment_id))
    if key is not None and status == 200:
        page_cache.put(key, html)
    return html, status


def render_commitment(commitment: Commitment, *, comment_form=None, status: int = 200):
    """The commitment page; ``comment_form`` carries a refused comment back to its author."""
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
        'pages/commitment.html',
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
        # Why the reader may not post now: a block, or the balanced floor (docs/moderation.md).
        comment_gate=why_not(current_user, commitment) if may_comment else None,
        consultation=commitment_notice(commitment),
        decisions=decisions_on(commitment),
        # Moderators watch who speaks, live (the public panel is /balance/commitments/<id>).
        balance_charts=(
            balance_charts(commitment=commitment)
            if can(current_user, 'moderate', commitment)
            else None
        ),
        # A refused comment: switching language comes back to the form, not to the POST address.
        language_next=(
            url_for('pages.commitment', commitment_id=commitment.id) + '#discussion'
            if request.method == 'POST'
            else None
        ),
    ), status


@bp.route('/commitments/<int:commitment_id>/state', methods=['POST'])
def commitment_state(commitment_id):
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
    done = commit(lambda: change_state(commitment, target, actor=current_user))
    if not done.ok:
        flash(done.message, 'error')
        return render_commitment(get_commitment(commitment_id), status=done.status)
    flash(_('The commitment is now "%(state)s".', state=commitment.state_label))
    return redirect(url_for('pages.commitment', commitment_id=commitment.id))


@bp.route('/commitments/<int:commitment_id>/comments', methods=['POST'])
def post_comment(commitment_id):
    """Post a comment from the page's form (without JavaScript; the socket does it with)."""
    commitment = get_commitment(commitment_id)
    if not can(current_user, 'comment', commitment):
        deny()
    form = CommentForm()
    form.anchor.choices = anchor_choices(commitment)
    done = None
    if form.validate_on_submit():
        parent = form.parent_id.data
        done = commit(
            lambda: post_comment_service(
                commitment,
                actor=current_user,
                body=form.body.data,
                client_id=form.client_id.data,
                # An id that is no id stays as it came, and is refused as such.
                parent_id=parse_id(parent) or parent or None,
                anchor=form.anchor.data,
                stance=form.stance.data,
            ),
            retry_race=True,  # the same form sent twice at once: the retry finds the first
            errors=form.body.errors,
        )
        if done.ok:
            comment, _created = done.value
            flash(_('Your comment is posted.'))
            return back_to(comment)
    return render_commitment(commitment, comment_form=form, status=form_status(form, done))
