"""The comment sequence (docs/realtime.md, "The cursor and the window").

Numbers follow commit order, a rejoin with ``since_seq`` gets every change it missed, a large
gap gets the window, joins are bounded, and a drafting save is untouched by the counter.
"""

import threading
import uuid

import pytest
from sqlalchemy import select

from forum import sockets as realtime_events
from forum.comments import services
from forum.comments.models import Comment
from forum.comments.services import hide_comment, next_seq
from forum.comments.window import THREADS
from forum.commitments.models import Commitment
from forum.commitments.services import update_commitment


@pytest.fixture
def room(app, client, auth, socket_client, make_commitment, create_member):
    """A commitment, a member's socket in its room, and an anonymous watcher's socket."""
    cid = make_commitment()
    create_member(email='m@example.org', display_name='มาลี ใจดี')
    auth.login('m@example.org')
    member = socket_client(client, logged_in=True)
    assert member.emit('join', {'commitment_id': cid}, callback=True)['ok']
    watcher = socket_client(app.test_client())
    ack = watcher.emit('join', {'commitment_id': cid}, callback=True)
    assert ack['ok']
    assert ack['seq'] == 0
    watcher.get_received()
    return cid, member, watcher


def _post(sock, cid, body='เห็นด้วย', **extra):
    payload = {'commitment_id': cid, 'body': body, 'client_id': str(uuid.uuid4()), **extra}
    ack = sock.emit('post_comment', payload, callback=True)
    assert ack['ok'], ack
    return ack['comment']


def _counter(db, cid) -> int:
    return db.session.scalar(select(Commitment.comment_seq).where(Commitment.id == cid))


def test_every_change_takes_the_next_number_and_every_event_carries_it(room, db, secretariat):
    cid, member, watcher = room
    first, second, third = (_post(member, cid, f'ข้อ {n}') for n in range(3))
    assert [c['seq'] for c in (first, second, third)] == [1, 2, 3]
    edited = member.emit('edit_comment', {'comment_id': first['id'], 'body': 'แก้'}, callback=True)
    deleted = member.emit('delete_comment', {'comment_id': second['id']}, callback=True)
    assert (edited['comment']['seq'], deleted['comment']['seq']) == (4, 5)
    hide_comment(db.session.get(Comment, third['id']), actor=secretariat, reason='นอกเรื่อง')
    db.session.commit()

    seen = [(e['name'], e['args'][0]['comment']['id'], e['args'][0]['comment']['seq'])
            for e in watcher.get_received() if e['name'].startswith('comment_')]  # fmt: skip
    assert seen == [
        ('comment_added', first['id'], 1),
        ('comment_added', second['id'], 2),
        ('comment_added', third['id'], 3),
        ('comment_updated', first['id'], 4),
        ('comment_deleted', second['id'], 5),
        ('comment_hidden', third['id'], 6),
    ]
    assert _counter(db, cid) == 6
    rows = db.session.execute(select(Comment.id, Comment.seq).order_by(Comment.id)).all()
    assert rows == [(first['id'], 4), (second['id'], 5), (third['id'], 6)]
    # Another commitment counts on its own.
    assert watcher.emit('join', {'commitment_id': cid}, callback=True)['seq'] == 6


def test_a_rollback_gives_the_number_back(room, db):
    cid, member, _watcher = room
    assert next_seq(cid) == 1
    db.session.rollback()
    assert _post(member, cid)['seq'] == 1


def test_rejoining_with_since_seq_gets_posts_edits_deletions_and_hides_made_meanwhile(
    room, db, app, socket_client, secretariat
):
    cid, member, watcher = room
    kept, to_edit, to_delete, to_hide = (_post(member, cid, f'ก่อน {n}') for n in range(4))
    ack = watcher.emit('join', {'commitment_id': cid, 'since_seq': 0}, callback=True)
    assert ack['seq'] == 4
    assert 'reset' not in ack
    assert [c['id'] for c in ack['comments']] == [kept['id'], to_edit['id'], to_delete['id'],
                                                 to_hide['id']]  # fmt: skip
    watermark = ack['seq']
    watcher.disconnect()

    new = _post(member, cid, 'ใหม่')
    member.emit('edit_comment', {'comment_id': to_edit['id'], 'body': 'แก้แล้ว'}, callback=True)
    member.emit('delete_comment', {'comment_id': to_delete['id']}, callback=True)
    hide_comment(db.session.get(Comment, to_hide['id']), actor=secretariat, reason='ไม่สุภาพ')
    db.session.commit()

    again = socket_client(app.test_client())
    ack = again.emit('join', {'commitment_id': cid, 'since_seq': watermark}, callback=True)
    assert ack['ok']
    assert 'reset' not in ack
    assert ack['seq'] == 8
    got = {c['id']: c for c in ack['comments']}
    assert sorted(got) == sorted([to_edit['id'], to_delete['id'], to_hide['id'], new['id']])
    assert got[to_edit['id']]['body_html'] == '<p>แก้แล้ว</p>'
    assert got[to_delete['id']]['is_deleted'] is True
    assert got[to_hide['id']]['is_hidden'] is True
    assert got[to_hide['id']]['body_html'] == ''
    assert sorted(c['seq'] for c in ack['comments']) == [5, 6, 7, 8]
    # Nothing changed since: an empty answer, not the window.
    ack = again.emit('join', {'commitment_id': cid, 'since_seq': 8}, callback=True)
    assert ack['comments'] == []
    assert ack['seq'] == 8


def _insert(db, cid, author, n, parent_id=None) -> list[int]:
    """``n`` comments stored as the services number them (each takes the next seq)."""
    rows = []
    for k in range(n):
        rows.append(Comment(
            commitment_id=cid, author_id=author.id, sector_id=author.sector_id, parent_id=parent_id,
            body=f'c {k}', body_html=f'<p>c {k}</p>', client_id=str(uuid.uuid4()),
            seq=next_seq(cid),
        ))  # fmt: skip
        db.session.add(rows[-1])
        db.session.flush()
    db.session.commit()
    return [r.id for r in rows]


def test_a_gap_larger_than_the_bound_gets_the_window_with_reset(room, db, secretariat):
    cid, _member, watcher = room
    author = db.session.merge(secretariat)
    ids = _insert(db, cid, author, realtime_events.GAP + 10)
    ack = watcher.emit('join', {'commitment_id': cid, 'since_seq': 5}, callback=True)
    assert ack['ok'] is True
    assert ack['reset'] is True
    assert ack['has_earlier'] is True
    assert [c['id'] for c in ack['comments']] == ids[-THREADS:]
    assert ack['seq'] == len(ids)
    # A gap within the bound: just the changes.
    ack = watcher.emit('join', {'commitment_id': cid, 'since_seq': len(ids) - 3}, callback=True)
    assert 'reset' not in ack
    assert [c['id'] for c in ack['comments']] == ids[-3:]
    # No cursor: the window, no reset.
    ack = watcher.emit('join', {'commitment_id': cid}, callback=True)
    assert 'reset' not in ack
    assert ack['has_earlier'] is True
    assert len(ack['comments']) == THREADS
    # A cursor ahead of the counter (another database, a restore) cannot be trusted: reset.
    ack = watcher.emit('join', {'commitment_id': cid, 'since_seq': len(ids) + 1}, callback=True)
    assert ack['reset'] is True
    # Old clients' since_id is bounded the same way.
    ack = watcher.emit('join', {'commitment_id': cid, 'since_id': 0}, callback=True)
    assert ack['reset'] is True
    assert len(ack['comments']) == THREADS


def test_joins_of_one_socket_are_bounded_in_rate_and_rooms(app, socket_client, make_commitment):
    cids = [make_commitment(milestones=0) for _ in range(3)]
    app.config.update(JOIN_RATE=(4, 60.0), JOIN_MAX_ROOMS=2)
    sock = socket_client(app.test_client())
    assert sock.emit('join', {'commitment_id': cids[0]}, callback=True)['ok']
    assert sock.emit('join', {'commitment_id': cids[1]}, callback=True)['ok']
    third = sock.emit('join', {'commitment_id': cids[2]}, callback=True)
    assert third == {'ok': False, 'error': third['error']}
    assert 'already in 2 discussions' in third['error']
    assert sock.emit('join', {'commitment_id': cids[0]}, callback=True)['ok']  # a room it is in
    fifth = sock.emit('join', {'commitment_id': cids[0]}, callback=True)
    assert fifth['ok'] is False
    assert 'Too many joins' in fifth['error']
    # Another socket has its own count.
    assert socket_client(app.test_client()).emit('join', {'commitment_id': cids[2]},
                                                 callback=True)['ok']  # fmt: skip


@pytest.mark.parametrize('since_seq', [-1, '3', 1.0, True, 2**31])
def test_since_seq_must_be_a_non_negative_integer(room, since_seq):
    cid, _member, watcher = room
    ack = watcher.emit('join', {'commitment_id': cid, 'since_seq': since_seq}, callback=True)
    assert ack == {'ok': False, 'error': 'since_seq must be a non-negative integer'}


def test_a_comment_committed_while_a_join_reads_reaches_the_joiner(
    room, app, socket_client, monkeypatch, dummy_member
):
    """The join race: a comment committed and broadcast after the join read its comments.

    Joining the room before reading means the joiner is in the room when the broadcast goes.
    """
    cid, member, _watcher = room
    real = realtime_events.latest_threads
    posted = {}

    def read_then_someone_posts(*args, **kwargs):
        window = real(*args, **kwargs)
        # Another connection (another greenlet or process) commits and broadcasts now.
        thread = threading.Thread(target=lambda: posted.update(_post(member, cid, 'ระหว่างนั้น')))
        thread.start()
        thread.join(10)
        return window

    monkeypatch.setattr(realtime_events, 'latest_threads', read_then_someone_posts)
    joiner = socket_client(app.test_client())
    ack = joiner.emit('join', {'commitment_id': cid}, callback=True)
    assert posted, 'the other post did not happen'
    in_ack = [c['id'] for c in ack['comments']]
    in_stream = [e['args'][0]['comment']['id'] for e in joiner.get_received()
                 if e['name'] == 'comment_added']  # fmt: skip
    assert posted['id'] in in_ack + in_stream


def test_a_drafting_save_after_comments_keeps_its_version_check(room, db, secretariat, orgs):
    cid, member, _watcher = room
    for n in range(3):
        _post(member, cid, f'ความเห็น {n}')
    commitment = db.session.get(Commitment, cid)
    version = commitment.version
    update_commitment(
        commitment, actor=db.session.merge(secretariat), fields={'title_en': 'New title'},
        base_version=version,
    )  # fmt: skip
    db.session.commit()
    db.session.expire_all()
    commitment = db.session.get(Commitment, cid)
    assert (commitment.version, commitment.comment_seq) == (version + 1, 3)
    assert commitment.title_en == 'New title'
    # A comment posted while the commitment is loaded does not make its save a conflict.
    _post(member, cid, 'อีกข้อ')
    update_commitment(
        commitment, actor=db.session.merge(secretariat), fields={'title_en': 'Newer'},
        base_version=version + 1,
    )  # fmt: skip
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Commitment, cid).version == version + 2
    assert services.comments_since(cid, 10, since_seq=3)[0].body == 'อีกข้อ'


def test_joins_share_the_kept_window_until_the_sequence_moves(app, room, db, secretariat):
    """With pages kept (PAGE_CACHE_SECONDS), a join reads no comment while the seq stands still."""
    from sqlalchemy import event

    from forum.comments.models import Comment as CommentModel

    app.config['PAGE_CACHE_SECONDS'] = 10
    cid, _member, watcher = room
    author = db.session.merge(secretariat)
    ids = _insert(db, cid, author, 3)
    first = watcher.emit('join', {'commitment_id': cid}, callback=True)
    assert [c['id'] for c in first['comments']] == ids

    statements = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, 'before_cursor_execute', count)
    try:
        again = watcher.emit('join', {'commitment_id': cid}, callback=True)
    finally:
        event.remove(db.engine, 'before_cursor_execute', count)
    assert again['comments'] == first['comments']
    assert statements  # the join read the commitment's sequence
    assert not [s for s in statements if f'FROM {CommentModel.__tablename__}' in s]

    ids += _insert(db, cid, author, 1)
    moved = watcher.emit('join', {'commitment_id': cid}, callback=True)
    assert moved['seq'] == 4
    assert [c['id'] for c in moved['comments']] == ids
