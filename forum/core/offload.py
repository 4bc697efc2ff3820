"""CPU-heavy or blocking work off the gevent hub, so every other connection keeps going.

Served by gunicorn's gevent worker, one OS thread runs every greenlet: a second spent hashing a
password or segmenting Thai words is a second in which no socket is read or written. Such work
goes through :func:`off_hub`, which runs it in a real thread of the hub's thread pool and lets
only the calling greenlet wait. Without gevent (tests, the CLI) it is a plain call.

What runs there must not touch greenlet-local state (the Flask request or app context, the
database session): pass plain values in, get plain values back. Work that needs that state (reading
thousands of rows for an export) stays on the hub but calls :func:`cooperate` between slices, so
that other connections are served in between.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar('T')


def gevent_patched() -> bool:
    """Whether this process runs under gevent's monkey-patching (the served set-up)."""
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        return False
    return monkey.is_module_patched('threading')


def off_hub(func: Callable[..., T], *args) -> T:
    """Call ``func(*args)``; under gevent in a thread of the hub's pool: only the caller waits."""
    if gevent_patched():
        import gevent

        return gevent.get_hub().threadpool.apply(func, args)
    return func(*args)


def cooperate() -> None:
    """Let the gevent hub serve the other connections for a moment; without gevent, nothing."""
    if gevent_patched():
        import gevent

        gevent.sleep(0)
