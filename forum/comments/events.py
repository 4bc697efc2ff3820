"""Socket handlers for comments; mixed into the default namespace (see forum/sockets.py).

Every handler authorises on the server and answers ``{"ok": true, …}`` or
``{"ok": false, "error": "<reason>"}``; nothing a client sends can crash the server. Handlers
that write are :func:`~forum.core.transaction.acked`: committed once, or refused.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user

from ..commitments import live
from ..core.converters import parse_id
from ..core.permissions import can
from ..core.refusals import refused_ack
from ..core.throttle import check as throttle
from ..core.transaction import acked
from ..extensions import db
from .models import Comment
from .serialize import comment_json
from .services import delete_comment, edit_comment, post_comment


def _own_comment(payload) -> tuple[Comment | None, str | None]:
    if not isinstance(payload, dict):
        return None, _('payload must be an object')
    comment_id = payload.get('comment_id')
    if (
        isinstance(comment_id, bool)
        or not isinstance(comment_id, int)
        or parse_id(comment_id) is None
    ):
        return None, _('comment_id must be a positive integer')
    comment = db.session.get(Comment, comment_id)
    if comment is None or not can(current_user, 'view_commitment', _commitment(comment)):
        return None, _('no such comment')
    return comment, None


def _commitment(comment: Comment):
    from ..commitments.models import Commitment

    return db.session.get(Commitment, comment.commitment_id)


class CommentEvents:
    """``post_comment``, ``edit_comment``, ``delete_comment``.

    Their payloads are checked against ``realtime.payloads`` before these handlers run.
    """

    @acked
    def on_post_comment(self, payload=None):
        """Post a comment; a retry with the same ``client_id`` returns the same comment."""
        commitment, error = live.load(payload)
        if error:
            return refused_ack(error)
        if not current_user.is_authenticated:
            return refused_ack(_('log in to comment'))
        if not can(current_user, 'comment', commitment):
            return refused_ack(_('you may not comment on this commitment'))
        comment, _created = post_comment(
            commitment,
            actor=current_user,
            body=payload.get('body'),
            client_id=payload.get('client_id'),
            parent_id=payload.get('parent_id'),
            anchor=payload.get('anchor', ''),
            stance=payload.get('stance', ''),
        )
        return {'ok': True, 'comment': comment_json(comment)}

    def on_edit_comment(self, payload=None):
        """Change one's own comment (``{"comment_id", "body"}``) within the edit window."""
        return self._on_own_comment(
            payload,
            lambda c: edit_comment(c, actor=current_user, body=payload.get('body')),
            throttled='comment_edit',
        )

    def on_delete_comment(self, payload=None):
        """Delete one's own comment (``{"comment_id"}``); a placeholder stays."""
        return self._on_own_comment(payload, lambda c: delete_comment(c, actor=current_user))

    @acked
    def _on_own_comment(self, payload, change, throttled: str | None = None) -> dict:
        """Load the comment the payload names, apply ``change``, answer with it.

        ``throttled`` names the throttle (core.throttle) that counts this attempt, if any.
        """
        comment, error = _own_comment(payload)
        if error:
            return refused_ack(error)
        if not current_user.is_authenticated:
            return refused_ack(_('log in first'))
        if throttled and (refused := throttle(throttled, current_user.id)):
            return refused_ack(refused)
        change(comment)
        return {'ok': True, 'comment': comment_json(comment)}
