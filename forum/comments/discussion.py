"""The discussion a commitment page shows: the window its address asks for, and the part counts.

``?before=<thread id>`` shows the threads before that one ("show earlier" without JavaScript);
``?about=<anchor>`` only the threads on one part of the commitment. The page and the fragment
that static/js/earlier.js loads read the same arguments here, so they refuse the same values.
"""

from __future__ import annotations

from flask import abort, redirect, url_for
from flask_babel import gettext as _

from ..commitments.models import Commitment
from ..core.converters import parse_id
from ..extensions import db
from .models import Comment
from .window import Window, latest_threads, part_counts, window_before


def _before_id(commitment: Commitment, value: str | None) -> int | None:
    if value is None:
        return None
    before_id = parse_id(value)
    if before_id is None:
        abort(400, description=_('"before" must be the number of a comment.'))
    head = db.session.get(Comment, before_id)
    if head is None or head.commitment_id != commitment.id or head.parent_id is not None:
        abort(400, description=_('This discussion has no thread %(id)s.', id=before_id))
    return before_id


def _about(labels: dict[str, str], value: str | None) -> str | None:
    if value is not None and value not in labels:
        abort(400, description=_('This commitment has no such part.'))
    return value


def requested_window(commitment: Commitment, args, labels: dict[str, str]) -> dict:
    """The window ``args`` ask for (400 with a reason for a bad one), as template variables.

    ``labels`` are the commitment's anchors (:func:`.threads.anchor_labels`).
    """
    about = _about(labels, args.get('about'))
    before_id = _before_id(commitment, args.get('before'))
    window: Window = latest_threads(commitment.id, before_id=before_id, anchor=about)
    return {'window': window, 'threads': window.threads, 'about': about, 'before_id': before_id}


def discussion_context(commitment: Commitment, args, labels: dict[str, str]) -> dict:
    """Everything the commitment page's discussion needs besides the form."""
    return {**requested_window(commitment, args, labels), 'part_counts': part_counts(commitment.id)}


def back_to(comment: Comment):
    """The commitment page at the comment, in the window that holds its thread."""
    before = window_before(comment.commitment_id, comment.parent_id or comment.id)
    page = url_for('pages.commitment', commitment_id=comment.commitment_id, before=before)
    return redirect(page + f'#comment-{comment.id}')
