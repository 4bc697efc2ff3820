"""When the flush to disk after a commit fails, people are told their change was saved.

The failure is real: SQLite resolves a symlinked database file and keeps its log beside the real
file, while ``forum.durable`` flushes the log beside the path it was given. A ``-wal`` there that
points at ``/dev/null`` makes that ``fsync`` fail (EINVAL) after the commit, as a failing disk
would. Nothing is mocked.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from forum.auth.models import User
from forum.comments.models import Comment
from forum.commitments.services import create_commitment
from forum.extensions import db as _db
from forum.naps.models import PolicyArea
from forum.naps.services import create_nap, move_nap
from tests.conftest import app_on, csrf_token

SAVED = 'Your change was saved, but the server could not confirm that it was written to disk.'


@pytest.fixture
def app(database_url, tmp_path):
    """The application on the suite's SQLite database, reached through a symlink."""
    if not database_url.startswith('sqlite:///'):
        pytest.skip("PostgreSQL's commit is on disk when it returns: nothing is flushed after it")
    link = tmp_path / 'forum.sqlite3'
    link.symlink_to(database_url.removeprefix('sqlite:///'))
    yield from app_on(f'sqlite:///{link}')


@contextlib.contextmanager
def failing_flush(app):
    """Every flush of the log fails while inside, as on a broken disk."""
    wal = Path(app.config['SQLALCHEMY_DATABASE_URI'].removeprefix('sqlite:///') + '-wal')
    assert not wal.exists()  # the real log is beside the real file, not beside the link
    fd = os.open('/dev/null', os.O_RDONLY)
    try:
        with pytest.raises(OSError, match='Invalid argument'):  # what the flush will meet
            os.fsync(fd)
    finally:
        os.close(fd)
    wal.symlink_to('/dev/null')
    try:
        yield
    finally:
        wal.unlink()


def test_the_error_page_says_the_change_was_saved(app, client, auth, create_user_):
    user = create_user_(email='ploy@example.org')
    auth.login('ploy@example.org')
    token = csrf_token(client)
    with failing_flush(app):
        response = client.post('/language', data={'lang': 'en', 'csrf_token': token})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert SAVED in page
    assert 'Nothing was saved' not in page
    with app.app_context():
        assert _db.session.get(User, user.id).locale == 'en'  # saved indeed


def test_the_thai_page_says_so_in_thai(app, client, auth, create_user_):
    create_user_(email='ploy@example.org')
    auth.login('ploy@example.org')
    token = csrf_token(client)
    with failing_flush(app):
        response = client.post('/language', data={'lang': 'th', 'csrf_token': token})
    assert response.status_code == 500
    assert 'บันทึกการเปลี่ยนแปลงของคุณแล้ว' in response.get_data(as_text=True)


@pytest.fixture
def commitment_id(app, secretariat, create_member):
    """A commitment of a plan in drafting, on which members may comment."""
    with app.app_context():
        sec = _db.session.get(User, secretariat.id)
        nap = create_nap(
            actor=sec, number=1, title_th='แผน', title_en='Plan',
            start_year=2026, length_years=2, end_month=6,
        )  # fmt: skip
        move_nap(nap, 'drafting', actor=sec)
        area = _db.session.scalar(select(PolicyArea.id).filter_by(code='justice'))
        commitment = create_commitment(
            nap, actor=sec, fields={'policy_area_id': area, 'title_th': 'พันธกรณี'}
        )
        _db.session.commit()
        return commitment.id


def test_a_socket_post_whose_flush_failed_is_answered_as_saved(
    app, client, auth, create_member, socket_client, commitment_id
):
    create_member(email='m@example.org')
    auth.login('m@example.org')
    sock = socket_client(client, logged_in=True)
    assert sock.emit('join', {'commitment_id': commitment_id}, callback=True)['ok']
    payload = {'commitment_id': commitment_id, 'body': 'เห็นด้วย', 'client_id': str(uuid.uuid4())}
    with failing_flush(app):
        ack = sock.emit('post_comment', payload, callback=True)
    assert ack == {
        'ok': False,
        'error': 'saved, but the server could not confirm that it was written to disk; '
        'check before trying again',
    }
    assert sock.is_connected()
    with app.app_context():
        assert _db.session.scalars(select(Comment.client_id)).all() == [payload['client_id']]
    # Sent again with the same client_id, as the page does: the one comment, now confirmed.
    again = sock.emit('post_comment', payload, callback=True)
    assert again['ok'] is True
    with app.app_context():
        assert len(_db.session.scalars(select(Comment)).all()) == 1


def test_only_a_failure_after_a_commit_is_called_saved():
    from forum.core.unconfirmed import UnconfirmedCommit, is_unconfirmed_commit

    assert is_unconfirmed_commit(UnconfirmedCommit('the flush failed'))
    with pytest.raises(FileNotFoundError) as failure:
        open('/nonexistent/file')
    assert not is_unconfirmed_commit(failure.value)  # an OSError elsewhere: nothing saved
    assert not is_unconfirmed_commit(RuntimeError('a bug'))
