"""Every commit on disk before the code that made it answers anyone.

SQLite (the embedded set-up) runs in WAL mode with ``synchronous=NORMAL`` (see ``db.py``): a
commit writes the transaction to the write-ahead log, where every connection sees it at once and
a crash of the server cannot undo it, but the log reaches the disk only at the next checkpoint.
With ``FULL`` SQLite would ``fsync`` the log inside each commit, so before a new comment is
broadcast; on a virtual machine's disk that wait was now and then a whole second, and the room
waited with it (docs/bench-log/fanout.md, "Storage stalls").

So the ``fsync`` comes later: once a transaction commits, its broadcasts go out
(``realtime/broadcast.py``) and then :func:`sync` flushes the log, before ``commit()`` returns
and so before any ack or HTTP response. The promise kept: whatever anyone was *answered* about is
on disk. A comment the room saw but whose author had no ack yet is lost only by a power failure
during that flush, and the author's page then sends it again with the same ``client_id``.

On Linux ``fsync`` writes out the file, whichever descriptor wrote it; the log is opened afresh
each time, as SQLite may replace it. Every :data:`CHECKPOINT_EVERY` commits the flush also
copies the log into the database file (a passive checkpoint), which SQLite would otherwise do
inside some commit, before its broadcast. Under gevent the wait runs on the hub's thread pool, so
the other connections go on meanwhile. PostgreSQL's commit is durable when it returns
(``synchronous_commit`` on): nothing to do there.

The flush is skipped for a commit that wrote nothing through the session (no ORM flush, no
non-SELECT statement run by ``session.execute``): a page that only read pays no ``fsync``. A
write through a raw connection (``session.connection().execute``) is not seen: write through the
session. This docstring is the one place the guarantee is stated; docs/realtime.md refers here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import UnboundExecutionError
from sqlalchemy.orm import Session

from .core.offload import off_hub

#: Commits between two checkpoints of the log after the broadcast. A comment writes about seven
#: pages; SQLite would otherwise checkpoint inside a commit, before its broadcast, at 1,000 pages.
CHECKPOINT_EVERY = 50
#: Flushes so far per database file, in this process.
_flushes: dict[str, int] = {}

#: Called with the session after every commit, before the flush: the broadcasts.
_before_sync: list[Callable[[Session], None]] = []


def before_sync(func: Callable[[Session], None]) -> Callable[[Session], None]:
    """Register ``func(session)`` to run after each commit, before it is flushed to disk."""
    _before_sync.append(func)
    return func


#: Key in ``session.info``: the transaction wrote something (an ORM flush or a non-SELECT).
_WROTE = 'forum.durable.wrote'


@event.listens_for(Session, 'after_flush')
def _after_flush(session: Session, _context) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, 'do_orm_execute')
def _on_execute(state) -> None:
    if not state.is_select:
        state.session.info[_WROTE] = True


@event.listens_for(Session, 'after_rollback')
def _after_rollback(session: Session) -> None:
    session.info.pop(_WROTE, None)


@event.listens_for(Session, 'after_commit')
def _after_commit(session: Session) -> None:
    for func in _before_sync:
        func(session)
    # A commit that wrote nothing (a page that only read) has nothing to flush.
    if session.info.pop(_WROTE, False):
        sync(session)


def sync(session: Session) -> None:
    """Write the SQLite log of ``session``'s database to disk; nothing on other backends."""
    try:
        bind = session.get_bind()
    except UnboundExecutionError:
        return
    database = database_path(bind.engine)
    if database is not None:
        # Counted here, on the hub's thread: the pool's threads get plain values and touch no
        # shared state (two of them could otherwise race on the count).
        count = _flushes[database] = _flushes.get(database, 0) + 1
        off_hub(_flush, database, count % CHECKPOINT_EVERY == 0)


def database_path(engine: Engine) -> str | None:
    """The file of a SQLite database, or None (other backends, in memory)."""
    if engine.dialect.name != 'sqlite':
        return None
    database = engine.url.database
    if not database or database == ':memory:' or database.startswith('file:'):
        return None
    return database


def wal_path(engine: Engine) -> str | None:
    """The write-ahead log of a SQLite file database, or None (other backends, in memory)."""
    database = database_path(engine)
    return None if database is None else database + '-wal'


def _flush(database: str, then_checkpoint: bool) -> None:
    """Runs in the hub's thread pool: only the strings and flags it is given, its own files."""
    _fsync_file(database + '-wal')
    if then_checkpoint:
        checkpoint(database)


def _fsync_file(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return  # no log: everything is already in the database file, which SQLite synced
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def checkpoint(database: str) -> None:
    """Copy the log into the database file, without waiting for anyone (a passive checkpoint)."""
    # Read-write, never create: a database removed meanwhile stays removed.
    uri = Path(os.path.abspath(database)).as_uri() + '?mode=rw'
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=0)
    except sqlite3.Error:
        return
    try:
        connection.execute('PRAGMA wal_checkpoint(PASSIVE)').fetchall()
    except sqlite3.Error:
        pass  # busy: the next one, or SQLite's own at 1,000 pages, will do it
    finally:
        connection.close()
