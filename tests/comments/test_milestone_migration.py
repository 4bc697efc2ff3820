"""The migration that turns ``milestone:<id>`` anchors into a foreign key (c0de13a00007).

Existing comments, replies and earlier versions survive the upgrade, the downgrade and the
upgrade again; each comment keeps its milestone, or becomes one about "a milestone since removed".
"""

from collections.abc import Iterator
from datetime import date

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from forum import create_app
from forum.extensions import db as _db
from tests.migrations import empty_database, insert_row

MIGRATION = 'c0de13a00007'
BEFORE = 'c0de13a00006'


@pytest.fixture(params=['sqlite', 'postgresql'])
def empty_url(request, tmp_path) -> Iterator[str]:
    """An empty database of its own on each backend."""
    with empty_database(request.param, tmp_path) as url:
        yield url


def _seed(conn) -> None:
    """Two commitments, three milestones, and comments on every kind of part."""
    insert_row(conn, 'sectors', id=1, code='other')
    insert_row(conn, 'users', id=1, email='a@x.org', role='participant', sector_id=1)
    insert_row(conn, 'naps', id=1, number=1, state='drafting', end_date=date(2028, 1, 1),
               length_years=2)  # fmt: skip
    insert_row(conn, 'policy_areas', id=1, code='x')
    for cid in (1, 2):
        insert_row(conn, 'commitments', id=cid, nap_id=1, number=cid, state='draft',
                   policy_area_id=1)  # fmt: skip
    for mid, cid, position in ((10, 1, 1), (11, 1, 2), (20, 2, 1)):
        insert_row(conn, 'milestones', id=mid, commitment_id=cid, position=position,
                   status='not_started')  # fmt: skip
    anchors = [
        (1, 1, '', None),
        (2, 1, 'problem', None),
        (3, 1, 'milestone:10', None),
        (4, 1, 'milestone:10', 3),  # a reply carries its thread's anchor
        (5, 1, 'milestone:99', None),  # its milestone was deleted: the anchor dangled
        (6, 1, 'milestone:20', None),  # a milestone of another commitment
        (7, 2, 'milestone:20', None),
    ]
    for n, cid, anchor, parent in anchors:
        insert_row(conn, 'comments', id=n, commitment_id=cid, author_id=1, sector_id=1,
                   parent_id=parent, anchor=anchor, body='b', body_html='<p>b</p>',
                   client_id=f'00000000-0000-4000-8000-00000000000{n}')  # fmt: skip
    for n, comment_id in enumerate((3, 5), start=1):
        insert_row(conn, 'comment_versions', id=n, comment_id=comment_id, body='earlier')


UPGRADED = [
    (1, '', None),
    (2, 'problem', None),
    (3, 'milestone', 10),
    (4, 'milestone', 10),
    (5, 'milestone', None),
    (6, 'milestone', None),
    (7, 'milestone', 20),
]
DOWNGRADED = [
    (1, ''),
    (2, 'problem'),
    (3, 'milestone:10'),
    (4, 'milestone:10'),
    (5, 'milestone'),  # the id is gone; upgrading again gives the same row
    (6, 'milestone'),
    (7, 'milestone:20'),
]


def _comments(conn, columns: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(text(f'SELECT {columns} FROM comments ORDER BY id'))]


def _versions(conn) -> list[tuple]:
    rows = conn.execute(text('SELECT id, comment_id, body FROM comment_versions ORDER BY id'))
    return [tuple(r) for r in rows]


# From the revision before, and from two before it (then the earlier migration's writes are in
# the same run: on SQLite foreign keys must still be switched off before comments is recreated).
@pytest.mark.parametrize('start', [BEFORE, 'c0de12a00005'])
def test_anchors_become_milestone_ids_and_every_row_survives(empty_url, start):
    app = create_app({'SQLALCHEMY_DATABASE_URI': empty_url})
    with app.app_context():
        directory = app.config['MIGRATIONS_DIR']
        upgrade(directory=directory, revision=start)
        with _db.engine.begin() as conn:
            _seed(conn)
        upgrade(directory=directory)
        with _db.engine.connect() as conn:
            assert _comments(conn, 'id, anchor, milestone_id') == UPGRADED
            assert _comments(conn, 'id, parent_id')[3] == (4, 3)
            assert _versions(conn) == [(1, 3, 'earlier'), (2, 5, 'earlier')]

        downgrade(directory=directory, revision=BEFORE)
        assert 'milestone_id' not in {
            c['name'] for c in inspect(_db.engine).get_columns('comments')
        }
        with _db.engine.connect() as conn:
            assert _comments(conn, 'id, anchor') == DOWNGRADED
            assert _versions(conn) == [(1, 3, 'earlier'), (2, 5, 'earlier')]

        upgrade(directory=directory)
        with _db.engine.begin() as conn:
            assert _comments(conn, 'id, anchor, milestone_id') == UPGRADED
            # The database keeps the comments of a deleted milestone (and foreign keys are on
            # again on SQLite: otherwise milestone_id would still say 10).
            conn.execute(text('DELETE FROM milestones WHERE id = 10'))
        with _db.engine.connect() as conn:
            assert _comments(conn, 'id, anchor, milestone_id')[2:4] == [
                (3, 'milestone', None),
                (4, 'milestone', None),
            ]
            assert _versions(conn) == [(1, 3, 'earlier'), (2, 5, 'earlier')]
        _db.engine.dispose()
