"""Commits reach the disk after their broadcasts and before commit() returns (forum/durable.py)."""

import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from forum import create_app, durable
from forum.extensions import db, socketio
from forum.realtime.broadcast import emit_after_commit
from forum.sectors.models import Sector
from forum.sectors.services import ensure_default_sectors


@pytest.fixture
def sqlite_file_db(tmp_path):
    """A SQLite file database with the default sectors, whatever backend the suite runs on."""
    app = create_app({'SQLALCHEMY_DATABASE_URI': f'sqlite:///{tmp_path / "forum.sqlite3"}'})
    with app.app_context():
        db.create_all()
        ensure_default_sectors()
        db.session.commit()
        yield
        db.session.remove()
        db.engine.dispose()


def test_sqlite_commits_in_the_log_without_waiting_for_the_disk(sqlite_file_db):
    with db.engine.connect() as conn:
        assert conn.execute(text('PRAGMA journal_mode')).scalar() == 'wal'
        assert conn.execute(text('PRAGMA synchronous')).scalar() == 1  # NORMAL


def test_the_log_is_flushed_after_the_broadcast_before_commit_returns(sqlite_file_db, monkeypatch):
    calls = []
    real_fsync, real_emit = os.fsync, socketio.emit

    def fsync(fd):
        calls.append(('fsync', os.readlink(f'/proc/self/fd/{fd}')))
        real_fsync(fd)

    def emit(name, *args, **kwargs):
        calls.append(('emit', name))
        return real_emit(name, *args, **kwargs)

    monkeypatch.setattr(os, 'fsync', fsync)
    monkeypatch.setattr(socketio, 'emit', emit)
    sector = db.session.scalars(db.select(Sector)).first()
    sector.name_en = 'Civil society (renamed)'
    emit_after_commit('sector_renamed', {'id': sector.id}, to='nobody')
    db.session.commit()
    calls.append(('commit returned', None))

    wal = os.path.realpath(db.engine.url.database + '-wal')
    assert calls == [('emit', 'sector_renamed'), ('fsync', wal), ('commit returned', None)]


def test_every_so_many_commits_the_log_is_checkpointed_after_the_broadcast(
    sqlite_file_db, monkeypatch
):
    database = db.engine.url.database
    monkeypatch.setattr(durable, 'CHECKPOINT_EVERY', 4)
    monkeypatch.setitem(durable._flushes, database, 0)
    calls, wal_sizes = [], []
    real_checkpoint, real_emit = durable.checkpoint, socketio.emit

    def checkpoint(path):
        calls.append('checkpoint')
        real_checkpoint(path)

    def emit(name, *args, **kwargs):
        calls.append(name)
        return real_emit(name, *args, **kwargs)

    monkeypatch.setattr(durable, 'checkpoint', checkpoint)
    monkeypatch.setattr(socketio, 'emit', emit)
    sector = db.session.scalars(db.select(Sector)).first()
    for n in range(1, 8):
        sector.name_en = f'Renamed {n}'
        emit_after_commit(f'renamed {n}', {}, to='nobody')
        db.session.commit()
        wal_sizes.append(os.path.getsize(database + '-wal'))

    assert calls == [
        'renamed 1', 'renamed 2', 'renamed 3', 'renamed 4', 'checkpoint',
        'renamed 5', 'renamed 6', 'renamed 7',
    ]  # fmt: skip
    # Everything was copied into the database file, so the next commits write the log from its
    # start again instead of making it longer.
    assert wal_sizes[4:] == [wal_sizes[3]] * 3
    assert wal_sizes[0] < wal_sizes[1] < wal_sizes[2] < wal_sizes[3]


def test_postgresql_and_memory_databases_have_no_log_to_flush(tmp_path):
    for url, expected in [
        ('postgresql+psycopg://nobody@127.0.0.1:1/none', None),
        ('sqlite://', None),
        (f'sqlite:///{tmp_path / "f.sqlite3"}', f'{tmp_path / "f.sqlite3"}-wal'),
    ]:
        app = create_app({'SQLALCHEMY_DATABASE_URI': url})
        with app.app_context():
            assert durable.wal_path(db.engine) == expected, url


def test_a_checkpoint_never_creates_a_database(tmp_path):
    durable.checkpoint(str(tmp_path / 'gone.sqlite3'))  # no error
    assert list(tmp_path.iterdir()) == []


def test_a_missing_log_is_nothing_to_flush(tmp_path):
    durable._fsync_file(str(tmp_path / 'gone.sqlite3-wal'))  # no error
    assert not (tmp_path / 'gone.sqlite3-wal').exists()


def test_under_gevent_blocking_work_waits_in_a_thread_not_the_hub():
    # A fresh interpreter: monkey-patching this one would change every other test.
    script = (
        'from gevent import monkey; monkey.patch_all()\n'
        'import threading, gevent\n'
        'from forum.core import offload\n'
        'ticks = []\n'
        'ticker = gevent.spawn(lambda: [ticks.append(gevent.sleep(0.01)) for _ in range(5)])\n'
        'main = threading.get_native_id()\n'
        'def slow():\n'
        "    monkey.get_original('time', 'sleep')(0.2)\n"  # blocks its thread, as fsync would
        '    return threading.get_native_id()\n'
        'worker = offload.off_hub(slow)\n'
        'print(worker != main, len(ticks))\n'
    )
    out = subprocess.run(
        [sys.executable, '-c', script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ['True', '5']


def test_the_pools_threads_get_plain_values_and_touch_no_shared_state(sqlite_file_db, monkeypatch):
    """What runs on the hub's thread pool shares nothing with the hub (issue 10, worker crashes).

    The flush runs in another OS thread while the hub goes on: it must not read or change
    module state the hub also changes (the flush count), nor be handed live objects.
    """
    seen = []

    def off_hub(func, *args):
        before = dict(durable._flushes)
        seen.append(args)
        result = func(*args)
        assert durable._flushes == before, 'the pool thread changed the flush count'
        return result

    monkeypatch.setattr(durable, 'off_hub', off_hub)
    sector = db.session.scalars(db.select(Sector)).first()
    for n in range(3):
        sector.name_en = f'Renamed {n}'
        db.session.commit()
    assert len(seen) == 3
    assert all(type(value) in (str, bool) for args in seen for value in args)


def test_a_commit_that_wrote_nothing_is_not_flushed(sqlite_file_db, monkeypatch):
    """A read-only commit runs the broadcast hooks but skips the fsync; a write is flushed."""
    calls = []
    real_fsync = os.fsync

    def fsync(fd):
        calls.append('fsync')
        real_fsync(fd)

    monkeypatch.setattr(os, 'fsync', fsync)
    db.session.scalars(db.select(Sector)).first()
    db.session.commit()
    assert calls == []
    sector = db.session.scalars(db.select(Sector)).first()
    sector.name_en = 'Civil society (renamed again)'
    db.session.commit()
    assert calls == ['fsync']
    db.session.execute(text("UPDATE sectors SET name_en = 'raw' WHERE id = :id"), {'id': sector.id})
    db.session.commit()
    assert calls == ['fsync', 'fsync']
