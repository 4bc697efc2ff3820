"""Live drafting: who is viewing and editing a commitment, and news of saved revisions.

Room ``commitment:<id>``. Presence is kept per server process (one process in the embedded set-up).
"""

from __future__ import annotations

import threading

from flask import current_app, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload, lazyload

from ..auth.models import Role
from ..core.converters import parse_id
from ..core.permissions import STAFF, can
from ..core.signals import commitment_saved
from ..extensions import db, socketio
from ..realtime.broadcast import emit_after_commit
from .checklist import check
from .history import describe
from .models import Commitment

_LIGHT = (lazyload('*'), joinedload(Commitment.nap))


class _Presence:
    """Who is in which commitment room, for this application in this process."""

    def __init__(self):
        self.lock = threading.Lock()
        #: commitment id -> socket id -> who is there
        self.rooms: dict[int, dict[str, dict]] = {}
        #: rooms with a presence announcement already scheduled
        self.scheduled: set[int] = set()


def _state() -> _Presence:
    return current_app.extensions.setdefault('forum_presence', _Presence())


def room(commitment_id: int) -> str:
    """The Socket.IO room of a commitment."""
    return f'commitment:{commitment_id}'


def _who() -> dict:
    if not current_user.is_authenticated:
        return {'user_id': None, 'name': None, 'sector': None, 'named': False, 'editing': False}
    named = current_user.role in (*STAFF, Role.member)
    return {
        'user_id': current_user.id,
        'name': current_user.display_name,
        'sector': current_user.sector.code,
        'named': named,
        'editing': False,
    }


def presence(commitment_id: int) -> dict:
    """Viewers per sector, members and staff by name, and who is editing now."""
    state = _state()
    with state.lock:
        people = list(state.rooms.get(commitment_id, {}).values())
    by_sector: dict[str, int] = {}
    for p in people:
        key = p['sector'] or 'anonymous'
        by_sector[key] = by_sector.get(key, 0) + 1
    names = sorted({p['name'] for p in people if p['named']})
    editors = sorted({p['name'] for p in people if p['editing'] and p['name']})
    return {
        'commitment_id': commitment_id,
        'viewers': len(people),
        'by_sector': by_sector,
        'members': names,
        'editors': editors,
    }


def announce(commitment_id: int, *, now: bool = False) -> None:
    """Tell the room who is there: at once, or once per ``PRESENCE_INTERVAL`` seconds.

    Joins and leaves are coalesced: a thousand people arriving within a second cause one
    announcement to the room, not a thousand (each of which would go to everyone).
    """
    interval = current_app.config['PRESENCE_INTERVAL']
    if now or not interval:
        socketio.emit('presence', presence(commitment_id), to=room(commitment_id))
        return
    state = _state()
    with state.lock:
        if commitment_id in state.scheduled:
            return
        state.scheduled.add(commitment_id)
    socketio.start_background_task(
        _announce_later, current_app._get_current_object(), commitment_id, interval
    )


def _announce_later(app, commitment_id: int, interval: float) -> None:
    socketio.sleep(interval)
    with app.app_context():
        state = _state()
        with state.lock:
            state.scheduled.discard(commitment_id)
        socketio.emit('presence', presence(commitment_id), to=room(commitment_id))


def load(payload) -> tuple[Commitment | None, str | None]:
    """The commitment a socket payload names, or an error message."""
    if not isinstance(payload, dict):
        return None, _('payload must be an object')
    cid = payload.get('commitment_id')
    if not isinstance(cid, int) or isinstance(cid, bool):
        return None, _('commitment_id must be an integer')
    if parse_id(cid) is None:
        return None, _('no such commitment')
    # Socket events need the commitment and its plan (for permissions); the rest loads if used.
    commitment = db.session.get(Commitment, cid, options=_LIGHT)
    if commitment is None or not can(current_user, 'view_commitment', commitment):
        return None, _('no such commitment')
    return commitment, None


def enter(commitment: Commitment) -> dict:
    """Record this socket in the commitment's room; return the presence to broadcast."""
    state = _state()
    with state.lock:
        state.rooms.setdefault(commitment.id, {})[request.sid] = _who()
    return presence(commitment.id)


def set_editing(commitment: Commitment, editing: bool) -> dict | None:
    """Mark this socket as editing or not; None when it had not joined."""
    state = _state()
    with state.lock:
        me = state.rooms.get(commitment.id, {}).get(request.sid)
        if me is None:
            return None
        me['editing'] = editing
    return presence(commitment.id)


def leave(commitment_id: int, sid: str) -> dict | None:
    """Forget ``sid`` in one room; return the new presence, or None if it was not there."""
    state = _state()
    with state.lock:
        people = state.rooms.get(commitment_id, {})
        if people.pop(sid, None) is None:
            return None
        if not people:
            state.rooms.pop(commitment_id, None)
    return presence(commitment_id)


def rooms_of(sid: str) -> list[int]:
    """The commitments ``sid`` is in."""
    state = _state()
    with state.lock:
        return [cid for cid, people in state.rooms.items() if sid in people]


def revision_payload(commitment: Commitment, revision, actor) -> dict:
    """What viewers learn of a new revision, with labels and checklist in both languages."""
    problems = check(commitment)
    labels, messages = {}, {}
    for lang in ('th', 'en'):
        with force_locale(lang):
            labels[lang] = [describe(key) for key in revision.changed_fields]
            messages[lang] = [p.as_dict() for p in problems]
    return {
        'commitment_id': commitment.id,
        'revision': revision.number,
        'author': getattr(actor, 'display_name', None),
        'changed_fields': revision.changed_fields,
        'changed_labels': labels,
        'checklist': {'passes': not problems, 'problems': messages},
        # Built without a request: the CLI (demo data) saves revisions too.
        'history_url': current_app.url_map.bind('').build(
            'commitments.history',
            {'commitment_id': commitment.id, 'a': revision.number - 1, 'b': revision.number},
        ),
    }


@commitment_saved.connect
def _announce_revision(commitment, *, revision, actor, **_kw):
    emit_after_commit(
        'revision_saved', revision_payload(commitment, revision, actor), to=room(commitment.id)
    )
