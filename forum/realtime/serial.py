"""One connection, one event at a time: a burst from one socket cannot take the whole worker.

python-socketio runs every incoming event in its own greenlet. A client that sends 2,000
``post_comment`` events at once so starts 2,000 handlers together, and each wants one of the
database pool's 15 connections: everyone else's requests (``/healthz`` included) queued behind
them for 15-39 s, handlers still waiting after 30 s failed with SQLAlchemy's ``QueuePool limit
... reached``, and on a loaded machine gunicorn declared the worker dead ("WORKER TIMEOUT") and
killed it, dropping every connection (docs/performance.md, "Worker crashes").

:func:`one_at_a_time` makes a connection's events take turns, in the order they arrived (gevent's
locks wake their waiters first come, first served): a waiting event costs a parked greenlet and
no connection, so one socket holds at most one database connection and the others go on. A
browser sends one event at a time anyway, so nobody waits longer than before.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

#: Socket id -> [its lock, events holding or waiting for it]; gone when none is left.
_turns: dict[str, list] = {}
#: Guards ``_turns`` when handlers run in real threads (the test suite's threading mode).
_guard = threading.Lock()


@contextlib.contextmanager
def one_at_a_time(sid: str) -> Iterator[None]:
    """Hold the turn of connection ``sid`` while the block runs; wait for it first."""
    with _guard:
        entry = _turns.get(sid)
        if entry is None:
            # Re-entrant: a handler that triggers another event of its own socket goes on.
            entry = _turns[sid] = [threading.RLock(), 0]
        entry[1] += 1
    try:
        with entry[0]:
            yield
    finally:
        with _guard:
            entry[1] -= 1
            if entry[1] == 0 and _turns.get(sid) is entry:
                del _turns[sid]


def waiting(sid: str) -> int:
    """Events of connection ``sid`` running or waiting for their turn (0 when none)."""
    entry = _turns.get(sid)
    return entry[1] if entry is not None else 0
