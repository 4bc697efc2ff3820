"""The Socket.IO namespace: connection, the commitment rooms, and every area's events.

It wires areas together (docs/architecture.md, "Layers"): the comments area contributes its
handlers (:class:`forum.comments.events.CommentEvents`), the commitments area its rooms and
presence; ``create_app`` registers the namespace (``forum._connect_areas``).
"""

import logging
from collections.abc import Callable

from flask import request
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import Namespace, join_room, leave_room, rooms
from flask_wtf.csrf import ValidationError, validate_csrf
from sqlalchemy import select

from .auth.sessions import check_session
from .comments.events import CommentEvents
from .comments.gates import why_not
from .comments.serialize import comment_json
from .comments.services import comments_since
from .comments.window import latest_threads
from .commitments import live
from .commitments.models import Commitment
from .core.bilingual import current_language
from .core.converters import MAX_ID
from .core.kept import kept
from .core.kept import seconds as kept_seconds
from .core.permissions import can
from .core.refusals import refused_ack
from .core.throttle import check as throttle
from .core.unconfirmed import is_unconfirmed_commit
from .extensions import db
from .moderation.events import ModerationEvents
from .realtime import join_limits, payloads, presence, serial
from .realtime.utf8_json import TOO_DEEP

logger = logging.getLogger(__name__)
#: A rejoin that missed more comment changes than this gets the window instead (``reset``).
GAP = 200


class ForumNamespace(CommentEvents, ModerationEvents, Namespace):
    """The default namespace; every event is authorised here, on the server."""

    def trigger_event(self, event, *args):
        """Route an event to its ``on_<event>`` handler; every event gets an answer.

        ``args`` is the socket id and what the client sent. An unknown event, more than one
        payload, a payload that does not fit the event's schema (``payloads.SCHEMAS``), or a
        failure no handler foresaw is answered with ``ok: false`` (the failure is logged with
        its traceback; the request's database session is rolled back by the teardown) instead
        of leaving the client without an ack. A connection whose ``auth`` does not fit is
        refused.
        """
        if event in ('connect', 'disconnect'):
            if not self._from_the_server(event, args):
                return refused_ack(
                    'unknown event'
                )  # a client's own "disconnect" must not leave presence
            auth = args[2] if event == 'connect' and len(args) > 2 else None
            if auth is not None and payloads.refusal('connect', auth):
                logger.info('Socket connection refused: its auth does not fit the schema')
                return False
            return super().trigger_event(event, *args)
        if event == TOO_DEEP:
            return self._refuse(args[0], lambda: _('the payload is nested too deeply to read'))
        if not isinstance(event, str) or not hasattr(self, f'on_{event}'):
            return self._refuse(args[0], lambda: _('unknown event'))
        if len(args) > 2:
            return self._refuse(args[0], lambda: _('send one payload object'))
        if reason := payloads.refusal(event, args[1] if len(args) > 1 else None):
            return self._refuse(args[0], reason)
        try:
            # A socket's events take turns (forum/realtime/serial.py): a burst from one client
            # holds one database connection, not the whole pool.
            with serial.one_at_a_time(args[0]):
                return super().trigger_event(event, *args)
        except Exception as exc:  # noqa: BLE001 - answered, and logged for us to fix
            logger.exception('Socket event %s failed', event)
            if is_unconfirmed_commit(exc):  # committed; only the flush to disk failed
                return self._refuse(
                    args[0],
                    lambda: _(
                        'saved, but the server could not confirm that it was written to disk; '
                        'check before trying again'
                    ),
                )
            return self._refuse(
                args[0], lambda: _('the server could not handle this; please try again')
            )

    def _refuse(self, sid, reason: Callable[[], str]) -> dict:
        """``ok: false`` with ``reason()`` in the connection's language, outside any handler."""
        environ = self.server.get_environ(sid, self.namespace) or {}
        app = environ.get('flask.app')
        if app is None:
            return refused_ack('refused')
        with app.request_context(environ):
            return refused_ack(reason())

    def _from_the_server(self, event: str, args: tuple) -> bool:
        """Whether ``connect``/``disconnect`` comes from Socket.IO itself, not a client's event.

        Socket.IO passes a real connection's WSGI environ object (which no JSON payload can be),
        and marks a socket as leaving before its ``disconnect`` runs.
        """
        sid = args[0] if args else None
        if event == 'connect':
            return len(args) >= 2 and args[1] is self.server.get_environ(sid, self.namespace)
        return not self.server.manager.is_connected(sid, self.namespace)

    def on_connect(self, auth=None):
        """Accept anonymous watchers; a logged-in person must send the page's CSRF token.

        A cookie whose login has ended (logout, password change, idle) is refused.
        """
        if not check_session():
            logger.info('Socket connection refused: its session has ended')
            return False
        if not current_user.is_authenticated:
            return True
        token = auth.get('csrf_token') if isinstance(auth, dict) else None
        try:
            validate_csrf(token)
        except ValidationError:
            logger.info('Socket connection refused for %s: bad CSRF token', current_user)
            return False
        join_room(presence.user_room(current_user.id))
        presence.remember(current_user.id, request.sid)
        return True

    def on_disconnect(self, reason=None):
        """Leave every commitment room and tell the others."""
        if current_user.is_authenticated:
            presence.forget(current_user.id, request.sid)
        join_limits.forget(request.sid)
        for commitment_id in live.rooms_of(request.sid):
            if live.leave(commitment_id, request.sid) is not None:
                live.announce(commitment_id)

    def on_join(self, payload=None):
        """Join a commitment's room: ``{"commitment_id", "since_seq"?, "since_id"?}``.

        Join first, then read: from the moment the socket is in the room every committed change
        reaches it as an event, and whatever committed before is in what is read after. The ack
        carries ``seq`` (the commitment's counter, read before the comments: the ack never claims
        more than it holds) and the comments: those changed after ``since_seq`` (their current
        state), those after ``since_id`` (old clients; not exact), or the latest window. A gap
        larger than :data:`GAP` is answered ``reset: true`` with the window (docs/realtime.md,
        "The cursor and the window").
        """
        commitment, error = live.load(payload)
        if error:
            return refused_ack(error)
        since_seq = payload.get('since_seq')  # the types are checked by payloads.Join
        since_id = payload.get('since_id')
        if since_id is not None and since_id > MAX_ID:
            return refused_ack(_('since_id is larger than any comment id'))
        in_rooms = [r for r in rooms() if r.startswith('commitment:')]
        if refused := join_limits.refusal(request.sid, in_rooms, live.room(commitment.id)):
            return refused_ack(refused)
        can_comment = (
            current_user.is_authenticated
            and can(current_user, 'comment', commitment)
            and why_not(current_user, commitment) is None  # not blocked, not held by the floor
        )
        join_room(live.room(commitment.id))
        state = live.enter(commitment)
        live.announce(commitment.id)
        # Read after joining; each statement sees every commit made before it (PostgreSQL's
        # read committed; SQLite outside a write transaction).
        seq, version = db.session.execute(
            select(Commitment.comment_seq, Commitment.version).where(Commitment.id == commitment.id)
        ).one()
        ack = {
            'ok': True,
            'version': version,
            'presence': state,
            'seq': seq,
            'can_comment': can_comment,
        }
        changed = None
        if since_seq is not None:
            if since_seq <= seq:  # one above the counter comes from elsewhere: reset
                changed = comments_since(commitment.id, GAP, since_seq=since_seq)
        elif since_id is not None:
            changed = comments_since(commitment.id, GAP, since_id=since_id)
        if changed is not None:
            ack['comments'] = [comment_json(c) for c in changed]
            return ack
        ack['comments'], ack['has_earlier'] = _latest_window(commitment.id, seq)
        if since_seq is not None or since_id is not None:
            ack['reset'] = True  # too much was missed (or a cursor from elsewhere): the window
        return ack

    def on_leave(self, payload=None):
        """Leave a commitment's room."""
        commitment, error = live.load(payload)
        if error:
            return refused_ack(error)
        leave_room(live.room(commitment.id))
        if live.leave(commitment.id, request.sid) is not None:
            live.announce(commitment.id)
        return {'ok': True}

    def on_editing(self, payload=None):
        """Say whether this person is editing now: ``{"commitment_id", "editing"}``."""
        commitment, error = live.load(payload)
        if error:
            return refused_ack(error)
        if not can(current_user, 'edit_commitment', commitment):
            return refused_ack(_('you may not edit this commitment'))
        if refused := throttle('editing', current_user.id):
            return refused_ack(refused)
        if live.set_editing(commitment, payload['editing']) is None:
            return refused_ack(_('join the commitment first'))
        live.announce(commitment.id, now=True)
        return {'ok': True}


payloads.check_declared(ForumNamespace)


def _latest_window(commitment_id: int, seq: int) -> tuple[list[dict], bool]:
    """The latest window as JSON, and whether earlier threads exist; kept for a few seconds.

    Everyone who joins a busy discussion gets the same window: it is kept under the commitment's
    comment sequence ``seq`` (read before it; the window holds at least what ``seq`` says) and
    the reader's language (``core.kept``), so only authors' and organisations' names in it may
    be a few seconds old. Comments' JSON is the same for every reader.
    """
    key = (commitment_id, seq, current_language())
    store = kept('join-windows', 256)
    found = store.get(key) if kept_seconds() > 0 else None
    if found is None:
        window = latest_threads(commitment_id)
        found = ([comment_json(c) for c in window.comments], window.has_earlier)
        if kept_seconds() > 0:
            store.put(key, found, kept_seconds())
    return found
