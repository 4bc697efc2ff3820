"""Every socket event's payload is checked against its one declared schema (payloads.py)."""

import uuid

import pytest

from forum.extensions import socketio
from forum.realtime import payloads
from forum.sockets import ForumNamespace
from tests.conftest import csrf_token


@pytest.fixture
def member(app, client, auth, socket_client, create_member):
    """A member's socket (may post, edit and delete comments)."""
    create_member(email='m@example.org')
    auth.login('m@example.org')
    return socket_client(client, logged_in=True)


def _valid(cid: int, comment_id: int) -> dict[str, dict]:
    return {
        'join': {'commitment_id': cid, 'since_id': 0},
        'leave': {'commitment_id': cid},
        'editing': {'commitment_id': cid, 'editing': False},
        'post_comment': {'commitment_id': cid, 'body': 'ok', 'client_id': str(uuid.uuid4())},
        'edit_comment': {'comment_id': comment_id, 'body': 'edited'},
        'delete_comment': {'comment_id': comment_id},
    }


@pytest.fixture
def comment_id(member, make_commitment):
    """A comment of the member's, on a commitment whose room the member joined."""
    cid = make_commitment()
    assert member.emit('join', {'commitment_id': cid}, callback=True)['ok']
    payload = {'commitment_id': cid, 'body': 'first', 'client_id': str(uuid.uuid4())}
    return cid, member.emit('post_comment', payload, callback=True)['comment']['id']


@pytest.mark.parametrize(
    'event', ['join', 'leave', 'editing', 'post_comment', 'edit_comment', 'delete_comment']
)
def test_an_unknown_key_is_refused_by_every_event(member, comment_id, event):
    cid, comment = comment_id
    payload = {**_valid(cid, comment)[event], 'colour': 'red', 'admin': True}
    ack = member.emit(event, payload, callback=True)
    assert ack == {'ok': False, 'error': 'unknown keys: admin, colour'}
    assert member.is_connected()


@pytest.mark.parametrize(
    ('event', 'field', 'value', 'reason'),
    [
        ('join', 'commitment_id', '1', 'commitment_id must be an integer'),
        ('join', 'commitment_id', 1.0, 'commitment_id must be an integer'),
        ('join', 'commitment_id', True, 'commitment_id must be an integer'),
        ('join', 'since_id', '3', 'since_id must be a non-negative integer'),
        ('join', 'since_id', -1, 'since_id must be a non-negative integer'),
        ('join', 'since_id', False, 'since_id must be a non-negative integer'),
        ('leave', 'commitment_id', None, 'commitment_id must be an integer'),
        ('editing', 'editing', 'yes', 'editing must be true or false'),
        ('editing', 'editing', 1, 'editing must be true or false'),
        ('editing', 'commitment_id', [1], 'commitment_id must be an integer'),
        ('post_comment', 'body', 5, 'body must be text'),
        ('post_comment', 'body', None, 'body must be text'),
        ('post_comment', 'client_id', 7, 'client_id must be a UUID.'),
        ('post_comment', 'parent_id', '7', 'parent_id must be the id of a comment'),
        ('post_comment', 'parent_id', 7.5, 'parent_id must be the id of a comment'),
        ('post_comment', 'anchor', ['title'], 'anchor must be text'),
        ('post_comment', 'stance', 1, 'Unknown stance'),
        ('edit_comment', 'comment_id', '1', 'comment_id must be a positive integer'),
        ('edit_comment', 'comment_id', 0, 'comment_id must be a positive integer'),
        ('edit_comment', 'comment_id', 2**31, 'comment_id must be a positive integer'),
        ('edit_comment', 'body', {'text': 'x'}, 'body must be text'),
        ('delete_comment', 'comment_id', True, 'comment_id must be a positive integer'),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_naming_its_field(
    member, comment_id, event, field, value, reason
):
    cid, comment = comment_id
    ack = member.emit(event, {**_valid(cid, comment)[event], field: value}, callback=True)
    assert ack['ok'] is False
    assert ack['error'].startswith(reason), ack
    assert member.is_connected()


@pytest.mark.parametrize(
    ('event', 'field'),
    [
        ('join', 'commitment_id'),
        ('editing', 'editing'),
        ('post_comment', 'body'),
        ('post_comment', 'client_id'),
        ('edit_comment', 'body'),
        ('delete_comment', 'comment_id'),
    ],
)
def test_a_missing_field_is_named(member, comment_id, event, field):
    cid, comment = comment_id
    payload = dict(_valid(cid, comment)[event])
    del payload[field]
    assert member.emit(event, payload, callback=True) == {
        'ok': False,
        'error': f'{field} is missing',
    }


def test_valid_payloads_are_accepted(member, comment_id):
    cid, comment = comment_id
    for event, payload in _valid(cid, comment).items():
        if event == 'editing':
            continue  # a member may not edit this commitment: refused for that, not the payload
        assert member.emit(event, payload, callback=True)['ok'] is True, event


def test_reasons_are_in_the_connections_language(app, socket_client):
    thai = socket_client(app.test_client(), lang='th')
    ack = thai.emit('join', {'commitment_id': 1, 'colour': 'red'}, callback=True)
    assert ack == {'ok': False, 'error': 'มีคีย์ที่ไม่รู้จัก: colour'}
    ack = thai.emit('editing', {'commitment_id': 1}, callback=True)
    assert ack == {'ok': False, 'error': 'ต้องระบุ editing'}
    ack = thai.emit(
        'post_comment', {'commitment_id': 1, 'body': 5, 'client_id': 'x'}, callback=True
    )
    assert ack == {'ok': False, 'error': 'body ต้องเป็นข้อความ'}


def test_the_type_is_checked_before_the_keys(app, socket_client):
    sock = socket_client(app.test_client())
    ack = sock.emit('leave', {'commitment_id': 'x', 'extra': 1}, callback=True)
    assert ack == {'ok': False, 'error': 'commitment_id must be an integer'}
    ack = sock.emit('leave', {'commitment_id': 1, 7: 'a key that is no text'}, callback=True)
    assert ack == {'ok': False, 'error': 'unknown keys: 7'}


def test_a_connection_whose_auth_does_not_fit_is_refused(app, client, auth, create_user_):
    assert socketio.test_client(app, flask_test_client=client).is_connected()
    assert socketio.test_client(app, flask_test_client=client, auth={}).is_connected()
    for bad in ({'csrf_token': 5}, {'token': 'x'}, {'csrf_token': None, 'extra': 1}, ['x']):
        sock = socketio.test_client(app, flask_test_client=app.test_client(), auth=bad)
        assert not sock.is_connected(), bad
    create_user_(email='ploy@example.org')
    auth.login('ploy@example.org')
    token = csrf_token(client)
    ok = socketio.test_client(app, flask_test_client=client, auth={'csrf_token': token})
    assert ok.is_connected()
    extra = {'csrf_token': token, 'role': 'admin'}
    assert not socketio.test_client(app, flask_test_client=client, auth=extra).is_connected()


def test_every_event_handler_declares_its_schema_and_every_field_its_reason():
    handlers = {n[3:] for n in dir(ForumNamespace) if n.startswith('on_')} - {'disconnect'}
    assert handlers == set(payloads.SCHEMAS)
    for schema in payloads.SCHEMAS.values():
        assert schema.model_config['extra'] == 'forbid'
        assert schema.model_config['strict'] is True
        for field in schema.model_fields.values():
            assert payloads.reason_of(field)


def test_a_handler_without_a_schema_stops_start_up():
    class Careless(ForumNamespace):
        def on_frobnicate(self, payload=None):
            return {'ok': True}

    with pytest.raises(RuntimeError, match='without a payload schema: frobnicate'):
        payloads.check_declared(Careless)
