"""Per-user rooms, and closing every connection of a person (on logout), in any process.

With one process the room ``user:<id>`` knows the connections. With several (a Redis message
queue), each process only knows its own, so the socket ids of a person are also kept in a Redis
set; disconnecting an id that lives in another process is published on the queue by
python-socketio and carried out there.
"""

from __future__ import annotations

import redis
from flask import current_app

from ..extensions import socketio

#: Socket ids are forgotten after a day even if a process died without cleaning up.
SID_TTL = 24 * 3600


def user_room(user_id: int) -> str:
    """Return the room that holds every connection of one person."""
    return f'user:{user_id}'


def _redis() -> redis.Redis | None:
    url = current_app.config.get('REDIS_URL')
    if not url:
        return None
    client = current_app.extensions.get('forum_redis')
    if client is None:
        client = current_app.extensions['forum_redis'] = redis.Redis.from_url(url)
    return client


def _key(user_id: int) -> str:
    return f'{current_app.config["SOCKETIO_CHANNEL"]}:user-sids:{user_id}'


def remember(user_id: int, sid: str) -> None:
    """Record that ``sid`` belongs to ``user_id`` (shared between processes when queued)."""
    client = _redis()
    if client is not None:
        pipe = client.pipeline()
        pipe.sadd(_key(user_id), sid)
        pipe.expire(_key(user_id), SID_TTL)
        pipe.execute()


def forget(user_id: int, sid: str) -> None:
    """Drop ``sid`` from the person's connections."""
    client = _redis()
    if client is not None:
        client.srem(_key(user_id), sid)


def disconnect_user(user_id: int) -> None:
    """Tell every connection of ``user_id`` that the session ended, and close them all."""
    server = socketio.server
    if server is None:
        return
    room = user_room(user_id)
    socketio.emit('session_ended', {}, to=room)
    sids = {sid for sid, _eio_sid in server.manager.get_participants('/', room)}
    client = _redis()
    if client is not None:
        sids |= {s.decode() for s in client.smembers(_key(user_id))}
        client.delete(_key(user_id))
    for sid in sids:
        server.disconnect(sid, namespace='/')
