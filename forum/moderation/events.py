"""Moderation over the socket: ``hide_comment``, ``restore_comment``, ``flag_comment``.

Mixed into the default namespace (forum/sockets.py). Each answers ``{"ok": true, …}`` or
``{"ok": false, "error": reason}``: a non-moderator, a moderator's own comment, a comment
already hidden, a second flag. The change reaches the room after the commit (comments.live).
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user

from ..comments.events import _own_comment
from ..comments.serialize import comment_json
from ..core.permissions import can
from ..core.refusals import refused_ack
from ..core.transaction import acked
from .services import flag_comment, hide, restore


class ModerationEvents:
    """Handlers; their payloads are checked against ``realtime.payloads`` first."""

    @acked
    def on_hide_comment(self, payload=None):
        """Hide ``{"comment_id", "reason", "note"}`` (moderators)."""
        comment, error = _own_comment(payload)
        if error:
            return refused_ack(error)
        if not can(current_user, 'moderate', comment):
            return refused_ack(_('only moderators may hide comments, never their own'))
        hide(comment, actor=current_user, reason=payload.get('reason'), note=payload.get('note'))
        return {'ok': True, 'comment': comment_json(comment)}

    @acked
    def on_restore_comment(self, payload=None):
        """Show a hidden comment again: ``{"comment_id", "note"?}`` (moderators)."""
        comment, error = _own_comment(payload)
        if error:
            return refused_ack(error)
        if not can(current_user, 'moderate', comment):
            return refused_ack(_('only moderators may restore comments, never their own'))
        restore(comment, actor=current_user, note=payload.get('note', ''))
        return {'ok': True, 'comment': comment_json(comment)}

    @acked
    def on_flag_comment(self, payload=None):
        """Flag ``{"comment_id", "reason"}`` (anyone logged in, once)."""
        comment, error = _own_comment(payload)
        if error:
            return refused_ack(error)
        if not current_user.is_authenticated:
            return refused_ack(_('log in first'))
        flag_comment(comment, actor=current_user, reason=payload.get('reason'))
        return {'ok': True}
