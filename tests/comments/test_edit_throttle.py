"""Comment edits and ``editing`` toggles are throttled per person, over HTTP and socket alike."""

import uuid

from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}


def _my_comment(client, auth, socket_client, make_commitment, create_member):
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    sock = socket_client(client, logged_in=True)
    assert sock.emit('join', {'commitment_id': cid}, callback=True)['ok']
    payload = {'commitment_id': cid, 'body': 'first', 'client_id': str(uuid.uuid4())}
    ack = sock.emit('post_comment', payload, callback=True)
    return cid, ack['comment']['id'], sock


def _http_edit(client, comment_id, body):
    path = f'/comments/{comment_id}/edit'
    data = {'body': body, 'csrf_token': csrf_token(client, path)}
    return client.post(path, data=data, headers=EN)


def test_edits_over_http_and_socket_share_one_limit(
    app, client, auth, socket_client, make_commitment, create_member
):
    app.config['COMMENT_EDIT_RATE_LIMIT'] = '3 per minute'
    cid, comment_id, sock = _my_comment(client, auth, socket_client, make_commitment, create_member)
    watcher = socket_client(app.test_client())
    watcher.emit('join', {'commitment_id': cid}, callback=True)
    assert _http_edit(client, comment_id, 'second').status_code == 302
    edit = {'comment_id': comment_id, 'body': 'third'}
    assert sock.emit('edit_comment', edit, callback=True)['ok'] is True
    assert _http_edit(client, comment_id, 'fourth').status_code == 302
    watcher.events('comment_edited')
    # The fourth edit in a minute is refused on both paths, with the reason, and not broadcast.
    ack = sock.emit('edit_comment', {**edit, 'body': 'fifth'}, callback=True)
    assert ack == {'ok': False, 'error': 'Too many attempts; try again in 1 minute.'}
    response = _http_edit(client, comment_id, 'sixth')
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert 'Too many attempts; try again in 1 minute.' in html
    assert 'sixth' in html  # the text is kept in the form
    assert watcher.get_received() == []
    page = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert 'fourth' in page
    assert 'fifth' not in page


def test_the_refusal_is_in_the_readers_language(
    app, client, auth, socket_client, make_commitment, create_member
):
    app.config['COMMENT_EDIT_RATE_LIMIT'] = '1 per minute'
    _cid, comment_id, _sock = _my_comment(
        client, auth, socket_client, make_commitment, create_member
    )
    thai = socket_client(client, logged_in=True, lang='th')
    edit = {'comment_id': comment_id, 'body': 'แก้ไข'}
    assert thai.emit('edit_comment', edit, callback=True)['ok'] is True
    ack = thai.emit('edit_comment', edit, callback=True)
    assert ack == {'ok': False, 'error': 'พยายามหลายครั้งเกินไป โปรดลองอีกครั้งใน 1 นาที'}


def test_another_persons_edits_are_not_counted(
    app, client, auth, socket_client, make_commitment, create_member
):
    app.config['COMMENT_EDIT_RATE_LIMIT'] = '1 per minute'
    cid, comment_id, sock = _my_comment(client, auth, socket_client, make_commitment, create_member)
    assert sock.emit('edit_comment', {'comment_id': comment_id, 'body': 'a'}, callback=True)['ok']
    other_client = app.test_client()
    create_member(email='o@example.org')
    type(auth)(other_client).login('o@example.org')
    other = socket_client(other_client, logged_in=True)
    other.emit('join', {'commitment_id': cid}, callback=True)
    payload = {'commitment_id': cid, 'body': 'mine', 'client_id': str(uuid.uuid4())}
    theirs = other.emit('post_comment', payload, callback=True)['comment']['id']
    ack = other.emit('edit_comment', {'comment_id': theirs, 'body': 'b'}, callback=True)
    assert ack['ok'] is True


def test_editing_toggles_are_throttled(app, client, auth, socket_client, make_commitment,
                                       secretariat):  # fmt: skip
    app.config['EDITING_RATE_LIMIT'] = '4 per minute'
    cid = make_commitment()
    watcher = socket_client(app.test_client())
    watcher.emit('join', {'commitment_id': cid}, callback=True)
    auth.login('sec@example.org')
    editor = socket_client(client, logged_in=True)
    editor.emit('join', {'commitment_id': cid}, callback=True)
    watcher.events('presence')
    acks = [
        editor.emit('editing', {'commitment_id': cid, 'editing': n % 2 == 0}, callback=True)
        for n in range(6)
    ]
    assert acks[:4] == [{'ok': True}] * 4
    refused = {'ok': False, 'error': 'Too many attempts; try again in 1 minute.'}
    assert acks[4:] == [refused, refused]
    assert len(watcher.events('presence')) == 4  # the refused toggles reached nobody
