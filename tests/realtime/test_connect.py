from forum.extensions import socketio
from tests.conftest import csrf_token


def _socket(app, client, token=None):
    auth = {'csrf_token': token} if token else None
    return socketio.test_client(app, flask_test_client=client, auth=auth)


def test_anonymous_visitors_may_watch(app, client):
    sock = _socket(app, client)
    assert sock.is_connected()
    sock.disconnect()


def test_logged_in_connection_needs_the_pages_csrf_token(app, client, auth, create_user_):
    create_user_(email='ploy@example.org')
    auth.login('ploy@example.org')
    assert not _socket(app, client).is_connected()
    assert not _socket(app, client, token='forged').is_connected()
    sock = _socket(app, client, token=csrf_token(client))
    assert sock.is_connected()
    sock.disconnect()


def test_logging_out_closes_that_persons_sockets(app, client, auth, create_user_):
    create_user_(email='ploy@example.org')
    auth.login('ploy@example.org')
    sock = _socket(app, client, token=csrf_token(client))
    watcher_client = app.test_client()
    watcher = _socket(app, watcher_client)
    assert sock.is_connected()
    auth.logout()
    assert not sock.is_connected()
    assert watcher.is_connected()  # others stay connected
    watcher.disconnect()
