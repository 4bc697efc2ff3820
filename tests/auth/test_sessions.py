"""Sessions end everywhere at logout and password change, idle out, and start fresh at login."""

import time

from sqlalchemy import select

from forum.auth.models import User
from forum.auth.sessions import SEEN_KEY
from forum.core.audit import AuditEntry
from forum.extensions import socketio
from tests.conftest import PASSWORD, AuthActions, csrf_token

EN = {'Accept-Language': 'en'}
DAY = 86400


def _page(client) -> str:
    return client.get('/', headers=EN).get_data(as_text=True)


def _logged_in_as(client, name: str) -> bool:
    html = _page(client)
    return name in html and 'Log out' in html


def _copy_cookies(source, target) -> None:
    """What someone who copied the browser's cookies would hold."""
    for name in ('session', 'remember_token'):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def _socket(app, client, token):
    with app.app_context():
        return socketio.test_client(app, flask_test_client=client, auth={'csrf_token': token})


def _remember_login(client, email):
    token = csrf_token(client, '/auth/login')
    data = {'email': email, 'password': PASSWORD, 'remember': 'y', 'csrf_token': token}
    return client.post('/auth/login', data=data)


def test_a_cookie_copied_before_logout_no_longer_logs_in(app, client, auth, create_user_):
    create_user_(email='ploy@example.org', display_name='พลอย')
    auth.login('ploy@example.org')
    thief = app.test_client()
    _copy_cookies(client, thief)
    assert _logged_in_as(thief, 'พลอย')  # the copy works while the session lasts
    auth.logout()
    html = _page(thief)
    assert 'พลอย' not in html
    assert 'Your session has ended. Please log in again.' in html
    assert thief.get('/auth/password').status_code == 302  # to the login page
    assert not _logged_in_as(thief, 'พลอย')


def test_logout_ends_the_sessions_of_every_device(app, client, auth, create_user_):
    create_user_(email='ploy@example.org', display_name='พลอย')
    phone = app.test_client()
    AuthActions(phone).login('ploy@example.org')
    auth.login('ploy@example.org')
    assert _logged_in_as(phone, 'พลอย')
    auth.logout()
    assert not _logged_in_as(phone, 'พลอย')


def test_a_copied_cookie_is_refused_at_socket_connect_after_logout(app, client, auth, create_user_):
    create_user_(email='ploy@example.org')
    auth.login('ploy@example.org')
    thief = app.test_client()
    _copy_cookies(client, thief)
    token = csrf_token(thief)  # the page's token, read while the session was good
    early = _socket(app, thief, token)
    assert early.is_connected()
    auth.logout()
    assert not early.is_connected()  # sockets already open are closed at logout
    late = _socket(app, thief, token)
    assert not late.is_connected()


def test_a_password_change_ends_other_sessions_and_keeps_this_one(
    app, client, auth, create_user_, db
):
    user = create_user_(email='ploy@example.org', display_name='พลอย')
    phone = app.test_client()
    AuthActions(phone).login('ploy@example.org')
    phone_socket = _socket(app, phone, csrf_token(phone))
    phone_token = csrf_token(phone)
    auth.login('ploy@example.org')
    path = '/auth/password'
    response = client.post(
        path,
        data={'current_password': PASSWORD, 'password': 'a new long secret',
              'confirm': 'a new long secret', 'csrf_token': csrf_token(client, path)},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == 302
    html = client.get(response.headers['Location'], headers=EN).get_data(as_text=True)
    assert 'Your password is changed. You were logged out on every other device.' in html
    assert _logged_in_as(client, 'พลอย')
    assert not phone_socket.is_connected()
    assert not _socket(app, phone, phone_token).is_connected()
    assert not _logged_in_as(phone, 'พลอย')
    # The new password is the one that works.
    again = AuthActions(app.test_client())
    assert again.login('ploy@example.org').status_code == 400
    assert again.login('ploy@example.org', 'a new long secret').status_code == 302
    entry = db.session.scalar(select(AuditEntry).filter_by(action='user.password_changed'))
    assert entry.actor_id == user.id


def test_a_password_change_needs_the_current_password(app, client, auth, create_user_):
    app.config['LOGIN_RATE_LIMIT'] = '4 per 15 minutes'  # refused changes, this account
    create_user_(email='ploy@example.org', display_name='พลอย')
    auth.login('ploy@example.org')
    path = '/auth/password'

    def change(current, new='a new long secret', confirm='a new long secret'):
        data = {'current_password': current, 'password': new, 'confirm': confirm,
                'csrf_token': csrf_token(client, path)}  # fmt: skip
        return client.post(path, data=data, headers=EN)

    response = change(PASSWORD, confirm='something else')
    assert response.status_code == 400
    assert 'The two passwords differ.' in response.get_data(as_text=True)
    response = change(PASSWORD, new='short', confirm='short')
    assert 'The password must have at least 10 characters.' in response.get_data(as_text=True)
    response = change('a guess')
    assert response.status_code == 400
    assert 'This is not your current password.' in response.get_data(as_text=True)
    # Someone at an unlocked computer cannot try passwords without end.
    assert change('guess 2').status_code == 400
    response = change(PASSWORD)
    assert response.status_code == 429
    assert 'Too many attempts; try again in' in response.get_data(as_text=True)
    assert _logged_in_as(client, 'พลอย')


def test_the_password_page_is_for_logged_in_people(client):
    response = client.get('/auth/password')
    assert response.status_code == 302
    assert '/auth/login' in response.headers['Location']


def test_a_session_ends_after_the_idle_time(app, client, auth, create_user_):
    create_user_(email='ploy@example.org', display_name='พลอย')
    auth.login('ploy@example.org')
    with client.session_transaction() as sess:
        sess[SEEN_KEY] = int(time.time()) - 13 * DAY
    assert _logged_in_as(client, 'พลอย')  # 13 days: still there, and seen again now
    with client.session_transaction() as sess:
        assert time.time() - sess[SEEN_KEY] < 60
        sess[SEEN_KEY] = int(time.time()) - 15 * DAY
    html = _page(client)
    assert 'พลอย' not in html
    assert 'Your session has ended. Please log in again.' in html


def test_the_idle_time_is_configured(app, client, auth, create_user_):
    app.config['SESSION_IDLE_DAYS'] = 1
    create_user_(email='ploy@example.org', display_name='พลอย')
    auth.login('ploy@example.org')
    with client.session_transaction() as sess:
        sess[SEEN_KEY] = int(time.time()) - 2 * DAY
    assert not _logged_in_as(client, 'พลอย')


def test_an_idle_session_is_refused_at_socket_connect(app, client, auth, create_user_):
    create_user_(email='ploy@example.org')
    auth.login('ploy@example.org')
    token = csrf_token(client)
    with client.session_transaction() as sess:
        sess[SEEN_KEY] = int(time.time()) - 15 * DAY
    assert not _socket(app, client, token).is_connected()


def test_keep_me_logged_in_outlasts_the_idle_time_but_not_logout(app, client, create_user_):
    create_user_(email='ploy@example.org', display_name='พลอย')
    html = client.get('/auth/login', headers=EN).get_data(as_text=True)
    assert 'Keep me logged in' in html
    assert _remember_login(client, 'ploy@example.org').status_code == 302
    remember = client.get_cookie('remember_token').value
    with client.session_transaction() as sess:
        sess[SEEN_KEY] = int(time.time()) - 60 * DAY
    assert _logged_in_as(client, 'พลอย')
    # The remember cookie alone logs in (a browser restarted after the session cookie went) ...
    thief = app.test_client()
    thief.set_cookie('remember_token', remember)
    assert _logged_in_as(thief, 'พลอย')
    thief_token = csrf_token(thief)
    # ... until logout: then neither the cookie alone nor with its session works.
    assert AuthActions(client).logout().status_code == 302
    assert client.get_cookie('remember_token') is None
    alone = app.test_client()
    alone.set_cookie('remember_token', remember)
    assert not _logged_in_as(alone, 'พลอย')
    assert not _logged_in_as(thief, 'พลอย')
    late = app.test_client()
    late.set_cookie('remember_token', remember)
    assert not _socket(app, late, thief_token).is_connected()


def test_login_starts_a_new_session_and_a_new_csrf_token(app, client, create_user_):
    create_user_(email='ploy@example.org')
    # Someone plants a session in the browser before the person logs in (session fixation).
    planted_token = csrf_token(client, '/auth/login')
    with client.session_transaction() as sess:
        sess['planted'] = 'by someone else'
        planted_secret = sess['csrf_token']
    data = {'email': 'ploy@example.org', 'password': PASSWORD, 'csrf_token': planted_token}
    response = client.post('/auth/login', data=data)
    assert response.status_code == 302
    with client.session_transaction() as sess:
        assert 'planted' not in sess
        assert sess.get('csrf_token') != planted_secret
    # The token handed out before login is refused after it; the page's new one works.
    refused = client.post('/auth/logout', data={'csrf_token': planted_token}, headers=EN)
    assert refused.status_code == 400
    assert client.post('/auth/logout', data={'csrf_token': csrf_token(client)}).status_code == 302


def test_the_interface_language_survives_login(app, client, create_user_):
    create_user_(email='ploy@example.org')
    token = csrf_token(client)
    client.post('/language', data={'lang': 'en', 'csrf_token': token, 'next': '/'})
    AuthActions(client).login('ploy@example.org')
    with client.session_transaction() as sess:
        assert sess['lang'] == 'en'


def test_a_disabled_account_is_logged_out(app, client, auth, create_user_, db):
    user = create_user_(email='ploy@example.org', display_name='พลอย')
    auth.login('ploy@example.org')
    db.session.get(User, user.id).is_active_account = False
    db.session.commit()
    assert not _logged_in_as(client, 'พลอย')


def test_a_session_naming_only_the_user_id_is_refused(app, client, create_user_):
    user = create_user_(email='ploy@example.org', display_name='พลอย')
    with client.session_transaction() as sess:
        sess['_user_id'] = str(user.id)  # what a session held before it carried its version
        sess[SEEN_KEY] = int(time.time())
    assert not _logged_in_as(client, 'พลอย')
