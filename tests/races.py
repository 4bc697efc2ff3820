"""Two transactions at once on PostgreSQL: one holds a row, the other is seen waiting for it.

SQLite serialises writers, so a race between two requests only shows on PostgreSQL with real
concurrent transactions. A test does the first request's work in its own transaction, starts
the second with :func:`in_another_transaction`, waits until it waits for a lock
(:func:`wait_for_a_lock`), commits, and then reads what the second did.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import text

from forum.core.refusals import Refused
from forum.extensions import db as _db


@pytest.fixture
def postgres(app):
    """Skip unless the test runs on PostgreSQL; the app."""
    with app.app_context():
        if _db.engine.dialect.name != 'postgresql':
            pytest.skip('needs PostgreSQL')
    return app


class Other:
    """The second transaction: its thread, and what became of its work."""

    def __init__(self, app, work: Callable[[], object], headers: dict | None = None):
        self.value: object = None
        self.refused: Refused | None = None
        #: The refusal's reason in the language of ``headers`` (read in its own request).
        self.message = ''
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(app, work, headers or {}))
        self._thread.start()

    def _run(self, app, work, headers) -> None:
        with app.test_request_context(headers=headers):
            try:
                self.value = work()
                _db.session.commit()
            except Refused as exc:
                _db.session.rollback()
                self.refused, self.message = exc, str(exc.message)
            except BaseException as exc:  # noqa: BLE001 - reported by join()
                _db.session.rollback()
                self.error = exc
            finally:
                _db.session.remove()

    def join(self, timeout: float = 30) -> Other:
        """Wait for the work to end; raise what it raised (other than a refusal)."""
        self._thread.join(timeout)
        assert not self._thread.is_alive(), 'the other transaction did not end'
        if self.error is not None:
            raise self.error
        return self


def in_another_transaction(app, work: Callable[[], object], **kw) -> Other:
    """Run ``work`` (then commit) in a thread with its own session; :meth:`Other.join` it."""
    return Other(app, work, **kw)


def after_the_first_commits(app, work: Callable[[], object], **kw) -> Other:
    """Run ``work`` in another transaction, see it wait for this one's lock, commit this one.

    The race of the module's docstring in one call; returns the second transaction, ended.
    """
    other = in_another_transaction(app, work, **kw)
    wait_for_a_lock()
    _db.session.commit()
    return other.join()


def wait_for_a_lock(timeout: float = 10.0) -> None:
    """Return once a session of this database waits for a lock (the first's row)."""
    deadline = time.monotonic() + timeout
    with _db.engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.scalar(
                text(
                    'SELECT count(*) FROM pg_stat_activity '
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )
            conn.rollback()  # pg_stat_activity is read once per transaction
            if waiting:
                return
            time.sleep(0.02)
    pytest.fail(f'no transaction waited for a lock within {timeout} s')
