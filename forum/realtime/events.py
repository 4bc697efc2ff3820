"""Connection-level socket handlers for the default namespace."""

import logging

from flask import request
from flask_login import current_user
from flask_socketio import Namespace, join_room
from flask_wtf.csrf import ValidationError, validate_csrf

from .presence import user_room

logger = logging.getLogger(__name__)


class ForumNamespace(Namespace):
    """The default namespace: connection and, in later areas, room events."""

    def on_connect(self, auth=None):
        """Accept anonymous watchers; a logged-in person must send the page's CSRF token."""
        if not current_user.is_authenticated:
            return True
        token = auth.get('csrf_token') if isinstance(auth, dict) else None
        try:
            validate_csrf(token)
        except ValidationError:
            logger.info('Socket connection refused for %s: bad CSRF token', current_user)
            return False
        join_room(user_room(current_user.id))
        logger.debug('Socket %s connected for %s', request.sid, current_user)
        return True
