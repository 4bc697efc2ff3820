"""Live drafting: who is viewing and editing a commitment, and news of saved revisions.

Room ``commitment:<id>``. Presence (every socket's entry, built by :func:`_who`) is kept for the
whole installation: in this process when it is the only one, in Redis when ``FORUM_REDIS_URL`` is
set (``forum.realtime.presence_store``), so that any process's announcement tells the truth.
"""

from __future__ import annotations

import logging
import threading
import weakref

from flask import current_app, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload, lazyload

from ..core.converters import parse_id
from ..core.permissions import SECRETARIAT, STAFF, can
from ..core.signals import affiliation_changed, commitment_saved, seats_changed
from ..extensions import db, socketio
from ..realtime.broadcast import call_after_commit, emit_after_commit
from ..realtime.presence_store import MemoryPresence, RedisPresence
from .checklist import check
from .history import describe
from .models import Commitment

logger = logging.getLogger(__name__)
_LIGHT = (lazyload('*'), joinedload(Commitment.nap))
#: What :func:`update_person` may change in a person's entries.
_PERSONAL = frozenset({'name', 'sector', 'named', 'organisation_th', 'organisation_en', 'verified'})
_lock = threading.Lock()


def _store() -> MemoryPresence | RedisPresence:
    """This application's presence store, made on first use (in the serving process)."""
    store = current_app.extensions.get('forum_presence')
    if store is not None:
        return store
    app = current_app._get_current_object()
    with _lock:
        store = app.extensions.get('forum_presence')
        if store is None:
            store = app.extensions['forum_presence'] = _open_store(app)
    return store


def _open_store(app) -> MemoryPresence | RedisPresence:
    url = app.config['REDIS_URL']
    if not url:
        return MemoryPresence()
    store = RedisPresence.from_url(
        url,
        f'{app.config["SOCKETIO_CHANNEL"]}:presence',
        heartbeat=app.config['PRESENCE_HEARTBEAT'],
    )
    socketio.start_background_task(_keep_alive, weakref.ref(app), weakref.ref(store))
    return store


def _keep_alive(app_ref, store_ref) -> None:
    """Renew this process's presence lease; announce rooms whose count changed with a process."""
    while True:
        store = store_ref()
        if store is None:
            return
        interval = store.heartbeat
        del store
        socketio.sleep(interval)
        app, store = app_ref(), store_ref()
        if app is None or store is None or app.extensions.get('forum_presence') is not store:
            return
        try:
            rooms = store.beat()
            with app.app_context():
                for commitment_id in rooms:
                    announce(commitment_id, now=True)
        except Exception:  # noqa: BLE001 - Redis away for a moment: the next beat tries again
            logger.exception('Presence heartbeat failed')
        del app, store


def _scheduled() -> set[int]:
    """Rooms with a presence announcement already scheduled by this process."""
    return current_app.extensions.setdefault('forum_presence_scheduled', set())


def room(commitment_id: int) -> str:
    """The Socket.IO room of a commitment."""
    return f'commitment:{commitment_id}'


def _named(user) -> bool:
    """Named in presence: staff by role; members only while they hold a seat today."""
    return can(user, 'be_named_in_presence')


def _organisation(user) -> tuple[str, str]:
    """The organisation shown with a person's name in Thai and English (a typed name in both).

    Kept as two strings, not an object, so that Redis' script compares them by value.
    """
    if user.organisation is not None:
        return user.organisation.name_th, user.organisation.name_en
    return user.organisation_name or '', user.organisation_name or ''


def _personal(user) -> dict:
    """What presence shows of a person: recomputed when their seats or affiliation change."""
    organisation_th, organisation_en = _organisation(user)
    return {
        'name': user.display_name,
        # Staff acting as the secretariat are counted apart from the sectors.
        'sector': SECRETARIAT if user.role in STAFF else user.sector.code,
        'named': _named(user),
        'organisation_th': organisation_th,
        'organisation_en': organisation_en,
        'verified': user.is_affiliation_verified,
    }


def _who() -> dict:
    if not current_user.is_authenticated:
        return {
            'user_id': None,
            'name': None,
            'sector': None,
            'named': False,
            'organisation_th': '',
            'organisation_en': '',
            'verified': False,
            'editing': False,
        }
    return {'user_id': current_user.id, **_personal(current_user), 'editing': False}


def presence(commitment_id: int) -> dict:
    """Viewers per sector, members and staff by name, and who is editing now: in every process.

    ``people`` tells the named ones apart: each with the organisation they speak for and
    whether the secretariat confirmed it (``members`` is their names alone, as before).
    """
    people = _store().entries(commitment_id)
    by_sector: dict[str, int] = {}
    for p in people:
        key = p['sector'] or 'anonymous'
        by_sector[key] = by_sector.get(key, 0) + 1
    named: dict[int, dict] = {}
    for p in people:
        if p['named'] and p['user_id'] not in named:
            named[p['user_id']] = {
                'name': p['name'],
                'sector': p['sector'],
                'organisation': (
                    {'th': p['organisation_th'], 'en': p['organisation_en']}
                    if p.get('organisation_th')
                    else None
                ),
                'verified': bool(p.get('verified')),
            }
    listed = sorted(named.values(), key=lambda person: (person['name'], person['sector']))
    editors = sorted({p['name'] for p in people if p['editing'] and p['name']})
    return {
        'commitment_id': commitment_id,
        'viewers': len(people),
        'by_sector': by_sector,
        'members': sorted({person['name'] for person in listed}),
        'people': listed,
        'editors': editors,
    }


def announce(commitment_id: int, *, now: bool = False) -> None:
    """Tell the room who is there: at once, or once per ``PRESENCE_INTERVAL`` seconds.

    Joins and leaves are coalesced: a thousand people arriving within a second cause one
    announcement to the room, not a thousand (each of which would go to everyone). Each process
    coalesces its own; what it announces is the whole room's presence, read when it is sent.
    """
    interval = current_app.config['PRESENCE_INTERVAL']
    if now or not interval:
        socketio.emit('presence', presence(commitment_id), to=room(commitment_id))
        return
    scheduled = _scheduled()
    with _lock:
        if commitment_id in scheduled:
            return
        scheduled.add(commitment_id)
    socketio.start_background_task(
        _announce_later, current_app._get_current_object(), commitment_id, interval
    )


def _announce_later(app, commitment_id: int, interval: float) -> None:
    socketio.sleep(interval)
    with app.app_context():
        with _lock:
            _scheduled().discard(commitment_id)
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
    _store().put(commitment.id, request.sid, _who())
    return presence(commitment.id)


def set_editing(commitment: Commitment, editing: bool) -> dict | None:
    """Mark this socket as editing or not; None when it had not joined."""
    if not _store().patch(commitment.id, request.sid, {'editing': editing}):
        return None
    return presence(commitment.id)


def leave(commitment_id: int, sid: str) -> dict | None:
    """Forget ``sid`` in one room; return the new presence, or None if it was not there."""
    if not _store().remove(commitment_id, sid):
        return None
    return presence(commitment_id)


def rooms_of(sid: str) -> list[int]:
    """The commitments ``sid`` (a socket of this process) is in."""
    return _store().rooms_of(sid)


def update_person(user_id: int, /, **changes) -> list[int]:
    """Change every presence entry of one person, in every room and process; announce at once.

    ``changes`` are fields of :func:`_who`'s entry: ``named`` (e.g. when a seat is added, ends
    or is deleted), ``organisation_th``, ``organisation_en`` and ``verified`` (the affiliation),
    ``name``, ``sector``. Call it after the commit that made the change, so that sockets
    already connected are shown as they now are. Returns the commitments re-announced
    (those where an entry of the person changed).
    """
    unknown = set(changes) - _PERSONAL
    if unknown:
        raise TypeError(f'update_person() cannot change {", ".join(sorted(unknown))}')
    commitment_ids = _store().update_person(user_id, changes)
    for commitment_id in commitment_ids:
        announce(commitment_id, now=True)
    return commitment_ids


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


def connect_receivers() -> None:
    """Announce saved revisions and changed people to the rooms; called by ``create_app``."""
    commitment_saved.connect(_announce_revision)
    seats_changed.connect(_person_changed)
    affiliation_changed.connect(_person_changed)


def _announce_revision(commitment, *, revision, actor, **_kw):
    emit_after_commit(
        'revision_saved', revision_payload(commitment, revision, actor), to=room(commitment.id)
    )


def _person_changed(user, **_kw):
    # Decided now, inside the transaction (it reads the seats); shown once it has committed.
    call_after_commit(update_person, user.id, **_personal(user))
