"""Emit after commit.

Services queue events on the database session; they go out only once the transaction is
committed, and are dropped if it rolls back. Then, still inside ``commit()``, the commit is
flushed to disk (``forum/durable.py``): the room hears first, the caller answers after.
"""

from __future__ import annotations

import logging
import os
import signal

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from .. import durable
from ..extensions import db, socketio

logger = logging.getLogger(__name__)
_KEY = 'forum_pending_emits'
_CALLS = 'forum_pending_calls'


def _die_after_commit() -> str | None:
    """The text whose broadcast kills this process: TEST ONLY, never set in production.

    tests/multiprocess/test_failover.py: a process whose environment sets
    ``FORUM_TEST_DIE_AFTER_COMMIT`` (the setting ``TEST_DIE_AFTER_COMMIT``) kills itself with
    SIGKILL when a committed event about to be broadcast contains that text: the crash between
    commit and broadcast.
    """
    return current_app.config.get('TEST_DIE_AFTER_COMMIT') if has_app_context() else None


def emit_after_commit(name: str, data: dict, *, to: str) -> None:
    """Queue a Socket.IO event for room ``to``, sent when the current transaction commits."""
    db.session.info.setdefault(_KEY, []).append((name, data, to))


def call_after_commit(func, *args, **kwargs) -> None:
    """Queue ``func(*args, **kwargs)`` to run once the current transaction commits.

    For realtime work that is not one emit (presence re-announced to several rooms). It runs
    after the emits, and must not use the database: the transaction is over.
    """
    db.session.info.setdefault(_CALLS, []).append((func, args, kwargs))


@durable.before_sync
def _send_pending(session: Session) -> None:
    pending = session.info.pop(_KEY, [])
    marker = _die_after_commit() if pending else None
    if marker and any(marker in str(data) for _n, data, _r in pending):
        os.kill(os.getpid(), signal.SIGKILL)
    for name, data, room in pending:
        try:
            socketio.emit(name, data, to=room)
        except Exception:  # noqa: BLE001 - a failed broadcast must not undo a committed save
            logger.exception('Could not emit %s to %s', name, room)
    for func, args, kwargs in session.info.pop(_CALLS, []):
        try:
            func(*args, **kwargs)
        except Exception:  # noqa: BLE001 - as above
            logger.exception('Could not run %s after commit', func)


@event.listens_for(Session, 'after_soft_rollback')
def _drop_pending(session: Session, previous_transaction) -> None:
    session.info.pop(_KEY, None)
    session.info.pop(_CALLS, None)
