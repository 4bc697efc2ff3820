"""Every commit on disk before the code that made it answers anyone.

SQLite (the embedded set-up) runs in WAL mode with ``synchronous=NORMAL`` (see ``db.py``): a
commit writes the transaction to the write-ahead log, where every connection sees it at once and
a crash of the server cannot undo it, but the log reaches the disk only at the next checkpoint.
With ``FULL`` SQLite would ``fsync`` the log inside each commit, so before a new comment is
broadcast; on a virtual machine's disk that wait was now and then a whole second, and the room
waited with it (docs/performance.md, "Storage stalls").

So the ``fsync`` comes later: once a transaction commits, its broadcasts go out
(``realtime/broadcast.py``) and then :func:`sync` flushes the log, before ``commit()`` returns
and so before any ack or HTTP response. The promise kept: whatever anyone was *answered* about is
on disk. A comment the room saw but whose author had no ack yet is lost only by a power failure
during that flush, and the author's page then sends it again with the same ``client_id``.

On Linux ``fsync`` writes out the file, whichever descriptor wrote it; the log is opened afresh
each time, as SQLite may replace it. Under gevent the wait runs on the hub's thread pool, so the
other connections go on meanwhile. PostgreSQL's commit is durable when it returns
(``synchronous_commit`` on): nothing to do there.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import UnboundExecutionError
from sqlalchemy.orm import Session

#: Called with the session after every commit, before the flush: the broadcasts.
_before_sync: list[Callable[[Session], None]] = []


def before_sync(func: Callable[[Session], None]) -> Callable[[Session], None]:
    """Register ``func(session)`` to run after each commit, before it is flushed to disk."""
    _before_sync.append(func)
    return func


@event.listens_for(Session, 'after_commit')
def _after_commit(session: Session) -> None:
    for func in _before_sync:
        func(session)
    sync(session)


def sync(session: Session) -> None:
    """Write the SQLite log of ``session``'s database to disk; nothing on other backends."""
    try:
        bind = session.get_bind()
    except UnboundExecutionError:
        return
    path = wal_path(bind.engine)
    if path is not None:
        _run_blocking(_fsync_file, path)


def wal_path(engine: Engine) -> str | None:
    """The write-ahead log of a SQLite file database, or None (other backends, in memory)."""
    if engine.dialect.name != 'sqlite':
        return None
    database = engine.url.database
    if not database or database == ':memory:' or database.startswith('file:'):
        return None
    return database + '-wal'


def _fsync_file(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return  # no log: everything is already in the database file, which SQLite synced
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _run_blocking(func, *args):
    """Call ``func``; under gevent in a real thread, so that only the caller waits."""
    if _gevent_patched():
        import gevent

        return gevent.get_hub().threadpool.apply(func, args)
    return func(*args)


def _gevent_patched() -> bool:
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        return False
    return monkey.is_module_patched('threading')
