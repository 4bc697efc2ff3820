"""The migration that numbers comments: existing ones get 1, 2, … in id order per commitment."""

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from forum import create_app
from forum.extensions import db as _db
from tests import pgtools
from tests.pgtools import scratch_database

BEFORE = 'a1f0c0de0002'


@pytest.fixture(params=['sqlite', 'postgresql'])
def empty_url(request, tmp_path) -> Iterator[str]:
    """An empty database of its own: a SQLite file, or a new PostgreSQL database (dropped)."""
    if request.param == 'sqlite':
        yield f'sqlite:///{tmp_path / "m.sqlite3"}'
        return
    server = pgtools.server_url()
    if not server:
        pytest.skip('FORUM_TEST_DATABASE_URL is not set')
    with scratch_database(server, 'forum_mig') as url:
        yield url


def _row(conn, table: str, **given) -> None:
    """Insert a row into ``table`` as the schema stood, every other required column filled."""
    values = dict(given)
    for column in inspect(conn).get_columns(table):
        if column['name'] in values or column['nullable'] or column.get('default') is not None:
            continue
        kind = column['type'].python_type
        values[column['name']] = {
            str: '', bool: False, int: 0, date: date(2026, 1, 1),
            datetime: datetime(2026, 1, 1, tzinfo=UTC),
        }[kind]  # fmt: skip
    names = ', '.join(values)
    marks = ', '.join(f':{name}' for name in values)
    conn.execute(text(f'INSERT INTO {table} ({names}) VALUES ({marks})'), values)


def _seed(conn) -> None:
    """Three commitments (one without comments) whose comments interleave by id."""
    _row(conn, 'sectors', id=1, code='other')
    _row(conn, 'users', id=1, email='a@x.org', role='participant', sector_id=1)
    _row(conn, 'naps', id=1, number=1, state='drafting', end_date=date(2028, 1, 1), length_years=2)
    _row(conn, 'policy_areas', id=1, code='x')
    for cid in (1, 2, 3):
        _row(conn, 'commitments', id=cid, nap_id=1, number=cid, state='draft', policy_area_id=1)
    for n, cid in enumerate([1, 2, 1, 1, 2], start=1):
        _row(conn, 'comments', id=n, commitment_id=cid, author_id=1, sector_id=1, body='b',
             body_html='<p>b</p>', client_id=f'00000000-0000-4000-8000-00000000000{n}')  # fmt: skip


def test_existing_comments_are_numbered_per_commitment_and_the_counter_set(empty_url):
    app = create_app({'SQLALCHEMY_DATABASE_URI': empty_url})
    with app.app_context():
        directory = app.config['MIGRATIONS_DIR']
        upgrade(directory=directory, revision=BEFORE)
        with _db.engine.begin() as conn:
            _seed(conn)
        upgrade(directory=directory)
        with _db.engine.connect() as conn:
            seqs = conn.execute(text('SELECT id, seq FROM comments ORDER BY id')).all()
            counters = conn.execute(text('SELECT id, comment_seq FROM commitments ORDER BY id'))
            assert seqs == [(1, 1), (2, 1), (3, 2), (4, 3), (5, 2)]
            assert counters.all() == [(1, 3), (2, 2), (3, 0)]
        indexes = {i['name'] for i in inspect(_db.engine).get_indexes('comments')}
        assert {
            'ix_comments_commitment_id_seq',
            'ix_comments_commitment_id_parent_id_id',
        } <= indexes
        downgrade(directory=directory, revision=BEFORE)
        columns = {c['name'] for c in inspect(_db.engine).get_columns('comments')}
        assert 'seq' not in columns
        with _db.engine.connect() as conn:
            assert conn.execute(text('SELECT count(*) FROM comments')).scalar() == 5
        _db.engine.dispose()
