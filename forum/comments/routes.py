"""Comments over plain HTTP: the page works without JavaScript.

Posting from the commitment page's form is :func:`forum.pages.commitment.post_comment` (a
refused comment shows the page again); editing and deleting have pages of their own, hiding
is the moderation area's (forum/moderation/routes.py).
"""

from flask import flash, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from ..commitments.access import get_commitment
from ..core.permissions import can, deny
from ..core.throttle import check as throttle
from ..core.transaction import commit, form_status
from ..extensions import db
from . import bp
from .discussion import back_to, requested_window
from .forms import EditCommentForm
from .models import Comment
from .services import delete_comment, edit_comment
from .threads import anchor_labels


def _get_comment(comment_id: int) -> Comment:
    comment = db.get_or_404(Comment, comment_id)
    get_commitment(comment.commitment_id)  # 404 when the commitment is not readable
    return comment


@bp.route('/commitments/<int:commitment_id>/comments', methods=['GET'])
def earlier(commitment_id):
    """The threads before ``?before=`` (on ``?about=``) as an HTML fragment, for "show earlier".

    static/js/earlier.js puts it in place; without JavaScript the link opens the commitment page
    with the same arguments, which shows the same window.
    """
    commitment = get_commitment(commitment_id)
    labels = anchor_labels(commitment)
    view = request.args.get('view')
    return render_template(
        'comments/_window.html',
        commitment=commitment,
        anchor_labels=labels,
        may_comment=current_user.is_authenticated and can(current_user, 'comment', commitment),
        view=view if view in ('th', 'en', 'both') else None,
        **requested_window(commitment, request.args, labels),
    )


@bp.route('/comments/<int:comment_id>/edit', methods=['GET', 'POST'])
def edit(comment_id):
    """Change one's own comment within the edit window."""
    comment = _get_comment(comment_id)
    if not can(current_user, 'edit_comment', comment):
        deny()
    form = EditCommentForm(obj=comment)
    status = form_status(form)
    if form.validate_on_submit():
        if refused := throttle('comment_edit', current_user.id):
            form.body.errors.append(refused)
            status = 429
        else:
            done = commit(
                lambda: edit_comment(comment, actor=current_user, body=form.body.data),
                errors=form.body.errors,
            )
            if done.ok:
                flash(_('Your comment is saved.'))
                return back_to(comment)
    return render_template('comments/edit.html', form=form, comment=comment), status


@bp.route('/comments/<int:comment_id>/delete', methods=['POST'])
def delete(comment_id):
    """Delete one's own comment (a placeholder stays)."""
    comment = _get_comment(comment_id)
    if not can(current_user, 'delete_comment', comment):
        deny()
    done = commit(lambda: delete_comment(comment, actor=current_user))
    if done.ok:
        flash(_('Your comment is deleted.'))
    else:
        flash(done.message, 'error')
    return back_to(comment)
