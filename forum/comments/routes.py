"""Comments over plain HTTP: the page works without JavaScript."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ..commitments.routes import get_commitment, render_commitment
from ..core.converters import parse_id
from ..core.permissions import can, deny
from ..core.throttle import check as throttle
from ..extensions import db
from . import bp
from .discussion import requested_window
from .forms import CommentForm, EditCommentForm, HideCommentForm
from .models import STANCE_LABELS, Comment
from .services import (
    CommentError,
    delete_comment,
    edit_comment,
    hide_comment,
    post_comment,
    retried_comment,
)
from .threads import anchor_choices, anchor_labels
from .window import window_before


def _get_comment(comment_id: int) -> Comment:
    comment = db.get_or_404(Comment, comment_id)
    get_commitment(comment.commitment_id)  # 404 when the commitment is not readable
    return comment


def _back_to(comment: Comment):
    """The commitment page at the comment, in the window that holds its thread."""
    before = window_before(comment.commitment_id, comment.parent_id or comment.id)
    page = url_for('commitments.show', commitment_id=comment.commitment_id, before=before)
    return redirect(page + f'#comment-{comment.id}')


@bp.route('/commitments/<int:commitment_id>/comments', methods=['POST'])
def post(commitment_id):
    """Post a comment from the page's form."""
    commitment = get_commitment(commitment_id)
    if not can(current_user, 'comment', commitment):
        deny()
    form = CommentForm()
    form.anchor.choices = anchor_choices(commitment)
    if form.validate_on_submit():
        parent = form.parent_id.data
        try:
            comment, _created = post_comment(
                commitment,
                actor=current_user,
                body=form.body.data,
                client_id=form.client_id.data,
                # An id that is no id stays as it came, and is refused as such.
                parent_id=parse_id(parent) or parent or None,
                anchor=form.anchor.data,
                stance=form.stance.data,
            )
            db.session.commit()
        except CommentError as exc:
            db.session.rollback()
            form.body.errors.append(str(exc.message))
        except IntegrityError:
            # The same form was sent twice at once: the other request stored it.
            db.session.rollback()
            comment = retried_comment(commitment, current_user, form.client_id.data)
            if comment is not None:
                return _back_to(comment)
            form.body.errors.append(_('The comment could not be saved; please send it again.'))
        else:
            flash(_('Your comment is posted.'))
            return _back_to(comment)
    return render_commitment(commitment, comment_form=form, status=400)


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
        stance_labels=STANCE_LABELS,
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
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        if refused := throttle('comment_edit', current_user.id):
            form.body.errors.append(refused)
            status = 429
        else:
            try:
                edit_comment(comment, actor=current_user, body=form.body.data)
                db.session.commit()
            except CommentError as exc:
                db.session.rollback()
                form.body.errors.append(str(exc.message))
            else:
                flash(_('Your comment is saved.'))
                return _back_to(comment)
    return render_template('comments/edit.html', form=form, comment=comment), status


@bp.route('/comments/<int:comment_id>/delete', methods=['POST'])
def delete(comment_id):
    """Delete one's own comment (a placeholder stays)."""
    comment = _get_comment(comment_id)
    if not can(current_user, 'delete_comment', comment):
        deny()
    try:
        delete_comment(comment, actor=current_user)
    except CommentError as exc:
        db.session.rollback()
        flash(str(exc.message), 'error')
        return _back_to(comment)
    db.session.commit()
    flash(_('Your comment is deleted.'))
    return _back_to(comment)


@bp.route('/comments/<int:comment_id>/hide', methods=['GET', 'POST'])
def hide(comment_id):
    """Hide a comment from the public, with a reason (secretariat)."""
    comment = _get_comment(comment_id)
    if not can(current_user, 'moderate', comment):
        deny()
    form = HideCommentForm()
    if form.validate_on_submit():
        hide_comment(comment, actor=current_user, reason=form.reason.data)
        db.session.commit()
        flash(_('The comment is hidden.'))
        return _back_to(comment)
    status = 400 if form.is_submitted() else 200
    return render_template('comments/hide.html', form=form, comment=comment), status
