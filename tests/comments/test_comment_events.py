"""The socket contract of comments (docs/realtime.md), through Flask-SocketIO's test client."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from forum.comments.models import Comment
from forum.commitments.models import Commitment
from tests.conftest import AuthActions


@pytest.fixture
def room(app, client, auth, socket_client, make_commitment, create_member):
    """A commitment, a member's socket in its room, and an anonymous watcher's socket."""
    cid = make_commitment()
    create_member(email='m@example.org', display_name='มาลี ใจดี')
    auth.login('m@example.org')
    member = socket_client(client, logged_in=True)
    assert member.emit('join', {'commitment_id': cid}, callback=True)['ok']
    watcher = socket_client(app.test_client())
    assert watcher.emit('join', {'commitment_id': cid}, callback=True)['ok']
    watcher.events('presence')
    return cid, member, watcher


def _post(sock, cid, body='เห็นด้วย', **extra):
    payload = {'commitment_id': cid, 'body': body, 'client_id': str(uuid.uuid4()), **extra}
    return sock.emit('post_comment', payload, callback=True)


def test_post_acks_the_comment_and_every_viewer_gets_it(room, db):
    cid, member, watcher = room
    ack = _post(member, cid, '**สนับสนุน** ให้เปิดเผยข้อมูล', stance='support', anchor='problem')
    assert ack['ok'] is True
    comment = ack['comment']
    assert comment['body_html'] == '<p><strong>สนับสนุน</strong> ให้เปิดเผยข้อมูล</p>'
    assert comment['author']['name'] == 'มาลี ใจดี'
    assert comment['author']['sector']['code'] == 'civil_society'
    assert comment['stance_label'] == {'th': 'สนับสนุน', 'en': 'Support'}
    created = datetime.fromisoformat(comment['created']).astimezone(ZoneInfo('Asia/Bangkok'))
    assert str(created.year + 543) in comment['created_label']['th']  # the Buddhist-Era year
    added = watcher.events('comment_added')
    assert [a['comment']['id'] for a in added] == [comment['id']]
    assert db.session.scalar(select(func.count(Comment.id))) == 1


def test_a_retry_with_the_same_client_id_never_duplicates(room, db):
    cid, member, watcher = room
    payload = {'commitment_id': cid, 'body': 'once', 'client_id': str(uuid.uuid4())}
    first = member.emit('post_comment', payload, callback=True)
    second = member.emit('post_comment', payload, callback=True)
    assert first['comment']['id'] == second['comment']['id']
    assert db.session.scalar(select(func.count(Comment.id))) == 1
    # The retry sends the same comment again (its first broadcast may have been lost with a
    # crashed process): the same id at the same seq, which a client already holding it ignores.
    added = [a['comment'] for a in watcher.events('comment_added')]
    assert added == [first['comment'], first['comment']]


def test_rejoining_with_since_id_returns_what_was_missed_in_order(room, socket_client, app):
    cid, member, watcher = room
    first = _post(member, cid, 'one')['comment']['id']
    watcher.disconnect()
    second = _post(member, cid, 'two')['comment']['id']
    third = _post(member, cid, 'three')['comment']['id']
    again = socket_client(app.test_client())
    ack = again.emit('join', {'commitment_id': cid, 'since_id': first}, callback=True)
    assert [c['id'] for c in ack['comments']] == [second, third]
    ack = again.emit('join', {'commitment_id': cid}, callback=True)
    assert [c['id'] for c in ack['comments']] == [first, second, third]


@pytest.mark.parametrize(
    ('payload', 'reason'),
    [
        ({'body': ''}, 'empty'),
        ({'body': 'x' * 5001}, '5000'),
        ({'parent_id': 99999}, 'does not exist'),
        ({'parent_id': '7'}, 'parent_id must be'),  # strict types: a string is no id
        ({'anchor': 'secret_field'}, 'does not exist'),
        ({'stance': 5}, 'Unknown stance'),
        ({'stance': ['support']}, 'Unknown stance'),
        ({'stance': {'support': 1}}, 'Unknown stance'),
        ({'anchor': 'milestone:²'}, 'does not exist'),
        ({'anchor': 'milestone:99999999999999999999'}, 'does not exist'),
        ({'body': 'half a character: \ud800'}, 'cannot be stored'),
        ({'commitment_id': 2**63}, 'no such commitment'),
        ({'client_id': 'abc'}, 'UUID'),
        ({'commitment_id': 'one'}, 'commitment_id'),
        ({'commitment_id': 424242}, 'no such commitment'),
        ({'extra': 1}, 'unknown keys'),
    ],
)
def test_bad_posts_get_a_reason_and_the_connection_stays(room, db, payload, reason):
    cid, member, watcher = room
    full = {'commitment_id': cid, 'body': 'ok', 'client_id': str(uuid.uuid4()), **payload}
    ack = member.emit('post_comment', full, callback=True)
    assert ack['ok'] is False
    assert reason in ack['error']
    assert member.is_connected()
    assert watcher.is_connected()
    assert db.session.scalar(select(func.count(Comment.id))) == 0


@pytest.mark.parametrize('payload', [None, [], 'text', 42, {'commitment_id': None}])
def test_malformed_payloads_are_answered(room, payload):
    cid, member, _watcher = room
    ack = member.emit('post_comment', payload, callback=True)
    assert ack['ok'] is False
    assert member.emit('join', payload, callback=True)['ok'] is False
    assert member.emit('edit_comment', payload, callback=True)['ok'] is False
    assert member.emit('delete_comment', payload, callback=True)['ok'] is False


def test_a_reply_to_a_comment_of_another_commitment_is_refused(room, db, make_commitment):
    cid, member, _watcher = room
    other = make_commitment()
    foreign = _post(member, other, 'elsewhere')['comment']['id']
    ack = _post(member, cid, 'reply', parent_id=foreign)
    assert ack == {'ok': False, 'error': 'The comment you reply to does not exist.'}


def test_script_tags_never_reach_viewers(room):
    cid, member, watcher = room
    ack = _post(member, cid, '<script>alert(1)</script> <b onmouseover="x()">hi</b>')
    html = ack['comment']['body_html']
    assert '<script' not in html
    assert '<b ' not in html
    assert watcher.events('comment_added')[0]['comment']['body_html'] == html


def test_anonymous_watchers_and_participants_cannot_post(room, app, socket_client, create_user_):
    cid, _member, watcher = room
    assert _post(watcher, cid) == {'ok': False, 'error': 'log in to comment'}
    create_user_(email='p@example.org')
    other = app.test_client()
    type_auth = AuthActions
    type_auth(other).login('p@example.org')
    participant = socket_client(other, logged_in=True)
    assert _post(participant, cid) == {
        'ok': False,
        'error': 'you may not comment on this commitment',
    }


def test_no_comments_on_a_plan_in_planning(room, db):
    cid, member, _watcher = room
    db.session.get(Commitment, cid).nap.state = 'planning'
    db.session.commit()
    assert _post(member, cid)['ok'] is False


def test_rate_limit_is_an_error_not_a_disconnect(room, app):
    cid, member, _watcher = room
    app.config['COMMENT_RATE_LIMIT'] = 2
    assert _post(member, cid)['ok']
    assert _post(member, cid)['ok']
    ack = _post(member, cid)
    assert ack['ok'] is False
    assert 'at most 2 comments a minute' in ack['error']
    assert member.is_connected()


def test_edit_and_delete_are_broadcast(room):
    cid, member, watcher = room
    comment_id = _post(member, cid, 'first')['comment']['id']
    ack = member.emit('edit_comment', {'comment_id': comment_id, 'body': 'second'}, callback=True)
    assert ack['ok'] is True
    assert ack['comment']['edited'] is True
    updated = watcher.events('comment_updated')
    assert updated[0]['comment']['body_html'] == '<p>second</p>'
    ack = member.emit('delete_comment', {'comment_id': comment_id}, callback=True)
    assert ack['comment']['is_deleted'] is True
    assert ack['comment']['body_html'] == ''
    assert watcher.events('comment_deleted')[0]['comment']['id'] == comment_id


def test_only_the_author_edits_or_deletes(room, app, socket_client, create_member):
    cid, member, _watcher = room
    comment_id = _post(member, cid, 'mine')['comment']['id']
    create_member(email='o@example.org')
    other = app.test_client()
    AuthActions(other).login('o@example.org')
    intruder = socket_client(other, logged_in=True)
    ack = intruder.emit('edit_comment', {'comment_id': comment_id, 'body': 'x'}, callback=True)
    assert ack == {'ok': False, 'error': 'Only the author may edit a comment.'}
    ack = intruder.emit('delete_comment', {'comment_id': comment_id}, callback=True)
    assert ack['ok'] is False


def test_reasons_are_in_the_readers_language(room, client, socket_client):
    cid, _member, _watcher = room
    thai = socket_client(client, logged_in=True, lang='th')
    ack = _post(thai, cid, '')
    assert ack == {'ok': False, 'error': 'ยังไม่มีข้อความ กรุณาเขียนความคิดเห็นก่อน'}


def test_a_milestone_anchor_is_stored_in_one_spelling(room, db, make_commitment):
    cid, member, _watcher = room
    milestone_id = db.session.get(Commitment, cid).milestones[0].id
    ack = _post(member, cid, 'on the milestone', anchor=f'milestone:00{milestone_id}')
    assert ack['comment']['anchor'] == f'milestone:{milestone_id}'


def test_joins_and_room_events_with_ids_beyond_any_row_are_answered(room):
    cid, member, watcher = room
    ack = member.emit('join', {'commitment_id': 9223372036854775808}, callback=True)
    assert ack == {'ok': False, 'error': 'no such commitment'}
    ack = member.emit('join', {'commitment_id': cid, 'since_id': 10**30}, callback=True)
    assert ack == {'ok': False, 'error': 'since_id is larger than any comment id'}
    for event, extra in (('leave', {}), ('editing', {'editing': True})):
        ack = member.emit(event, {'commitment_id': 10**30, **extra}, callback=True)
        assert ack == {'ok': False, 'error': 'no such commitment'}
    assert member.is_connected()
    assert watcher.is_connected()


def test_reasons_come_in_the_connections_language(app, socket_client, make_commitment):
    cid = make_commitment()
    watcher = socket_client(app.test_client(), lang='th')
    assert _post(watcher, cid) == {'ok': False, 'error': 'เข้าสู่ระบบเพื่อแสดงความคิดเห็น'}
    ack = watcher.emit('join', {'commitment_id': 424242}, callback=True)
    assert ack == {'ok': False, 'error': 'ไม่พบพันธสัญญานี้'}


def test_invisible_characters_alone_are_an_empty_comment(room, db):
    cid, member, _watcher = room
    for blank in ('\u200b\u200b \ufeff', '\u200e\u202a\u2066', '\u3164\u2800\u00ad'):
        ack = _post(member, cid, blank)
        assert ack['ok'] is False
        assert 'empty' in ack['error']
    assert _post(member, cid, '\u200bคำ')['ok'] is True


def test_a_client_cannot_fake_its_own_connect_or_disconnect(room, app):
    from forum.commitments import live

    cid, member, watcher = room
    for event in ('disconnect', 'connect'):
        ack = member.emit(event, {'commitment_id': cid}, callback=True)
        assert ack == {'ok': False, 'error': 'unknown event'}
    with app.app_context():
        assert live.presence(cid)['viewers'] == 2  # still counted: nobody left
    assert member.is_connected()
    watcher.disconnect()
    with app.app_context():
        assert live.presence(cid)['viewers'] == 1  # a real disconnect still leaves
