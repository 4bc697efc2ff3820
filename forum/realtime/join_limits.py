"""How much one socket may ask of ``join``: how often, and how many rooms at once.

A socket lives in one process, so its count is kept here, in memory: exact, and no round trip
to Redis on every join. Each ack is bounded elsewhere (the window, and the gap after which a
rejoin gets the window instead: ``forum/sockets.py``). The limits are settings, read at each
join (tests change them in ``app.config``):

- ``JOIN_RATE``: ``(joins, seconds)``, at most that many joins of one socket in any such span;
- ``JOIN_MAX_ROOMS``: commitment rooms one socket may be in at the same time.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from flask import current_app
from flask_babel import gettext as _

#: Defaults: a page joins once, and again after each reconnect or to fill a gap in the stream.
JOIN_RATE = (20, 60.0)
JOIN_MAX_ROOMS = 5

_joins: dict[str, deque[float]] = {}
_lock = threading.Lock()


def refusal(sid: str, rooms: list[str], room: str) -> str | None:
    """Count one join of ``sid`` (now in commitment ``rooms``) to ``room``; why not, or None."""
    count, seconds = current_app.config.get('JOIN_RATE', JOIN_RATE)
    max_rooms = current_app.config.get('JOIN_MAX_ROOMS', JOIN_MAX_ROOMS)
    now = time.monotonic()
    with _lock:
        times = _joins.setdefault(sid, deque())
        while times and times[0] <= now - seconds:
            times.popleft()
        if len(times) >= count:
            return _('Too many joins on this connection: at most %(n)d in %(s)d seconds.',
                     n=count, s=seconds)  # fmt: skip
        times.append(now)
    if room not in rooms and len(rooms) >= max_rooms:
        return _('This connection is already in %(n)d discussions; leave one first.', n=max_rooms)
    return None


def forget(sid: str) -> None:
    """Drop a disconnected socket's count."""
    with _lock:
        _joins.pop(sid, None)
