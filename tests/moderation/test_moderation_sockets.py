"""Moderation over the socket: hide and restore reach every viewer; refusals are ``ok: false``."""

import uuid

import pytest

from forum.comments.models import Comment


@pytest.fixture
def watched(app, client, auth, socket_client, make_commitment, people, comment_on, as_user):
    """A comment, a moderator's socket and an anonymous watcher's socket in the room."""
    cid = make_commitment()
    comment_id = comment_on(cid, people['author'], 'ข้อความ 081-234-5678')
    auth.login('unimod@example.org')
    moderator = socket_client(client, logged_in=True)
    assert moderator.emit('join', {'commitment_id': cid}, callback=True)['ok']
    watcher = socket_client(app.test_client())
    assert watcher.emit('join', {'commitment_id': cid}, callback=True)['ok']
    watcher.get_received()
    return cid, comment_id, moderator, watcher


def test_hide_and_restore_reach_every_viewer(watched, db):
    cid, comment_id, moderator, watcher = watched
    ack = moderator.emit(
        'hide_comment', {'comment_id': comment_id, 'reason': 'personal_data', 'note': 'เบอร์'},
        callback=True,
    )  # fmt: skip
    assert ack['ok'] is True
    [hidden] = watcher.events('comment_hidden')
    assert hidden['comment']['is_hidden'] is True
    assert hidden['comment']['body_html'] == ''
    assert hidden['comment']['hidden_label'] == {'th': 'ข้อมูลส่วนบุคคล', 'en': 'Personal data'}
    again = moderator.emit(
        'hide_comment', {'comment_id': comment_id, 'reason': 'spam', 'note': 'x'}, callback=True
    )
    assert again == {'ok': False, 'error': 'This comment is already hidden.'}
    ack = moderator.emit('restore_comment', {'comment_id': comment_id}, callback=True)
    assert ack['ok'] is True
    [back] = watcher.events('comment_updated')
    assert back['comment']['is_hidden'] is False
    assert '081-234-5678' in back['comment']['body_html']


def test_non_moderators_and_bad_payloads_get_ok_false(
    app, watched, db, socket_client, as_user, people, comment_on
):
    cid, comment_id, moderator, watcher = watched
    member = socket_client(as_user('gov@example.org'), logged_in=True)
    for event, payload in (
        ('hide_comment', {'comment_id': comment_id, 'reason': 'spam', 'note': 'x'}),
        ('restore_comment', {'comment_id': comment_id}),
    ):
        ack = member.emit(event, payload, callback=True)
        assert ack['ok'] is False, event
        assert 'only moderators' in ack['error']
        assert watcher.emit(event, payload, callback=True)['ok'] is False
    bad = moderator.emit('hide_comment', {'comment_id': comment_id, 'reason': 3}, callback=True)
    assert bad['ok'] is False
    wrong = moderator.emit(
        'hide_comment', {'comment_id': comment_id, 'reason': 'rude', 'note': 'x'}, callback=True
    )
    assert wrong['ok'] is False
    own = comment_on(cid, people['uni_mod'], 'ของฉันเอง')
    mine = moderator.emit(
        'hide_comment', {'comment_id': own, 'reason': 'spam', 'note': 'x'}, callback=True
    )
    assert mine['ok'] is False
    assert not db.session.get(Comment, comment_id).is_hidden
    assert not db.session.get(Comment, own).is_hidden
    assert watcher.events('comment_hidden') == []


def test_flag_over_the_socket_once(watched, socket_client, as_user):
    cid, comment_id, moderator, watcher = watched
    reader = socket_client(as_user('reader@example.org'), logged_in=True)
    payload = {'comment_id': comment_id, 'reason': 'spam'}
    assert reader.emit('flag_comment', payload, callback=True) == {'ok': True}
    second = reader.emit('flag_comment', payload, callback=True)
    assert second == {'ok': False, 'error': 'You have already flagged this comment.'}
    assert watcher.emit('flag_comment', payload, callback=True)['ok'] is False


def test_a_blocked_person_posting_over_the_socket_gets_ok_false(
    app, db, socket_client, as_user, make_commitment, people
):
    from datetime import timedelta

    from forum.db import utcnow
    from forum.extensions import db as _db
    from forum.moderation.services import block

    cid = make_commitment()
    with app.app_context():
        block(_db.session.merge(people['author']), actor=_db.session.merge(people['sec']),
              justification='สแปมซ้ำ', ends_dt=utcnow() + timedelta(days=2))  # fmt: skip
        _db.session.commit()
    author = socket_client(as_user('author@example.org'), logged_in=True)
    ack = author.emit(
        'post_comment',
        {'commitment_id': cid, 'body': 'ยังโพสต์ได้ไหม', 'client_id': str(uuid.uuid4())},
        callback=True,
    )
    assert ack['ok'] is False
    assert 'blocked you from commenting' in ack['error']
    assert 'สแปมซ้ำ' in ack['error']
    # Joining says so too: the page shows no comment box to a blocked person.
    assert author.emit('join', {'commitment_id': cid}, callback=True)['can_comment'] is False


@pytest.mark.parametrize('note', ['\u0000', 'ok\u0007', '\u200b', 'ซ่อน \u202egnp.exe'])
def test_a_note_with_a_control_character_or_nothing_visible_is_refused(watched, db, note):
    _cid, comment_id, moderator, watcher = watched
    ack = moderator.emit(
        'hide_comment', {'comment_id': comment_id, 'reason': 'spam', 'note': note}, callback=True
    )
    assert ack['ok'] is False
    assert ack['error']
    assert not db.session.get(Comment, comment_id).is_hidden
    assert watcher.events('comment_hidden') == []
