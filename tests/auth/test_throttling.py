"""Throttled logins and registrations: per account and per address, a translated 429 form."""

import os
import re
import uuid

import pytest
from sqlalchemy import select

from forum import create_app
from forum.auth.models import User
from forum.config import Config
from forum.extensions import db as _db
from forum.extensions import limiter
from forum.sectors.services import ensure_default_sectors
from tests.conftest import PASSWORD, FreshContextClient, _wipe, csrf_token

EN = {'Accept-Language': 'en'}
TOO_MANY = re.compile(r'Too many attempts; try again in (\d+) minutes?\.')


def _login(client, email, password=PASSWORD, *, addr='127.0.0.1', lang='en', **headers):
    token = csrf_token(client, '/auth/login')
    return client.post(
        '/auth/login',
        data={'email': email, 'password': password, 'csrf_token': token},
        headers={'Accept-Language': lang, **headers},
        environ_base={'REMOTE_ADDR': addr},
    )


def _register(client, email, *, addr='127.0.0.1', **headers):
    token = csrf_token(client, '/auth/register')
    data = {'email': email, 'display_name': 'นกแก้ว', 'organisation': 'อิสระ',
            'sector': 'civil_society', 'password': PASSWORD, 'confirm': PASSWORD,
            'csrf_token': token}  # fmt: skip
    return client.post(
        '/auth/register',
        data=data,
        headers={'Accept-Language': 'en', **headers},
        environ_base={'REMOTE_ADDR': addr},
    )


def _is_logged_in(client) -> bool:
    return 'Log out' in client.get('/', headers=EN).get_data(as_text=True)


def test_fifty_wrong_passwords_then_the_right_one_is_refused(app, client, create_user_):
    app.config['LOGIN_RATE_LIMIT'] = Config.LOGIN_RATE_LIMIT  # the served default: 10 / 15 min
    create_user_(email='ploy@example.org')
    codes = [_login(client, 'ploy@example.org', f'wrong {n}').status_code for n in range(50)]
    assert codes == [400] * 10 + [429] * 40
    response = _login(client, 'ploy@example.org')
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    minutes = int(TOO_MANY.search(html).group(1))
    assert 14 <= minutes <= 15
    assert 'value="ploy@example.org"' in html  # the form again, not a bare error page
    assert 'name="password"' in html
    assert 1 <= int(response.headers['Retry-After']) <= 900
    assert not _is_logged_in(client)
    thai = _login(client, 'ploy@example.org', lang='th')
    assert thai.status_code == 429
    assert 'พยายามหลายครั้งเกินไป โปรดลองอีกครั้งใน' in thai.get_data(as_text=True)


def test_the_account_limit_holds_whatever_the_address(app, client, create_user_):
    app.config['LOGIN_RATE_LIMIT'] = '3 per 15 minutes'
    create_user_(email='ploy@example.org')
    codes = [
        _login(client, ' Ploy@Example.org ', 'wrong', addr=f'127.0.0.{n + 2}').status_code
        for n in range(5)
    ]
    assert codes == [400, 400, 400, 429, 429]
    assert _login(client, 'ploy@example.org', addr='127.0.0.99').status_code == 429
    # Another account is not locked by it.
    create_user_(email='nok@example.org')
    assert _login(client, 'nok@example.org').status_code == 302


def test_the_address_limit_holds_whatever_the_account(app, create_user_):
    app.config['LOGIN_ADDRESS_RATE_LIMIT'] = '4 per 15 minutes'
    create_user_(email='ploy@example.org')
    attacker = app.test_client()
    codes = [_login(attacker, f'guess{n}@example.org', 'x').status_code for n in range(6)]
    assert codes == [400] * 4 + [429] * 2
    assert _login(attacker, 'ploy@example.org').status_code == 429
    # Someone at another address logs in as usual.
    other = app.test_client()
    assert _login(other, 'ploy@example.org', addr='127.0.0.2').status_code == 302


def test_successful_logins_do_not_count(app, client, auth, create_user_):
    app.config['LOGIN_RATE_LIMIT'] = '3 per 15 minutes'
    app.config['LOGIN_ADDRESS_RATE_LIMIT'] = '3 per 15 minutes'
    create_user_(email='ploy@example.org')
    for _ in range(6):
        assert _login(client, 'ploy@example.org').status_code == 302
        assert 'class="whoami"' in client.get('/').get_data(as_text=True)  # logged in each time
        assert auth.logout().status_code == 302
        assert 'class="whoami"' not in client.get('/').get_data(as_text=True)


def test_registration_is_limited_per_address(app, client, db):
    app.config['REGISTER_RATE_LIMIT'] = '3 per hour'
    for n in range(3):
        assert _register(app.test_client(), f'p{n}@example.org').status_code == 302
    response = _register(client, 'p3@example.org')
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert TOO_MANY.search(html)
    assert 'value="p3@example.org"' in html
    assert 'value="civil_society"' in html  # the sector choices are there again
    assert db.session.scalar(select(User).filter_by(email='p3@example.org')) is None
    assert _register(app.test_client(), 'p4@example.org', addr='127.0.0.2').status_code == 302


@pytest.fixture
def make_app(database_url):
    """Factory: an application with extra settings; its database is wiped afterwards."""
    made = []

    def factory(**settings):
        app = create_app({'SQLALCHEMY_DATABASE_URI': database_url, **settings})
        app.test_client_class = FreshContextClient
        with app.app_context():
            ensure_default_sectors()
            _db.session.commit()
        made.append(app)
        return app

    yield factory
    for app in made:
        with app.app_context():
            _db.session.remove()
            _wipe()
            _db.engine.dispose()


def test_behind_a_proxy_the_forwarded_address_counts(make_app):
    app = make_app(PROXY_COUNT=1, REGISTER_RATE_LIMIT='2 per hour')
    proxy = {'X-Forwarded-For': '127.0.0.7'}
    assert _register(app.test_client(), 'a@example.org', **proxy).status_code == 302
    assert _register(app.test_client(), 'b@example.org', **proxy).status_code == 302
    assert _register(app.test_client(), 'c@example.org', **proxy).status_code == 429
    # Every client reaches us from the proxy's address; the next person is not refused.
    other = {'X-Forwarded-For': '127.0.0.8'}
    assert _register(app.test_client(), 'c@example.org', **other).status_code == 302


def test_without_a_proxy_a_forged_forwarded_address_changes_nothing(make_app):
    app = make_app(REGISTER_RATE_LIMIT='2 per hour')
    for n in range(2):
        forged = {'X-Forwarded-For': f'127.0.1.{n}'}
        assert _register(app.test_client(), f'{n}@example.org', **forged).status_code == 302
    forged = {'X-Forwarded-For': '127.0.1.9'}
    assert _register(app.test_client(), 'x@example.org', **forged).status_code == 429


def test_a_limit_that_cannot_be_read_stops_start_up(database_url):
    with pytest.raises(RuntimeError, match='LOGIN_RATE_LIMIT'):
        create_app({'SQLALCHEMY_DATABASE_URI': database_url, 'LOGIN_RATE_LIMIT': 'a few'})


def test_limits_and_storage_come_from_the_environment(monkeypatch):
    monkeypatch.setenv('FORUM_SECRET_KEY', 'k')
    monkeypatch.setenv('FORUM_LOGIN_RATE_LIMIT', '5 per hour')
    monkeypatch.setenv('FORUM_PROXY_COUNT', '1')
    monkeypatch.setenv('FORUM_SESSION_IDLE_DAYS', '3')
    monkeypatch.delenv('FORUM_REDIS_URL', raising=False)
    settings = Config.load()
    assert settings['LOGIN_RATE_LIMIT'] == '5 per hour'
    assert settings['REGISTER_RATE_LIMIT'] == '20 per hour'
    assert settings['RATELIMIT_STORAGE_URI'] == 'memory://'
    assert settings['PROXY_COUNT'] == 1
    assert settings['SESSION_IDLE_DAYS'] == 3
    monkeypatch.setenv('FORUM_REDIS_URL', 'redis://127.0.0.1:6379/3')
    monkeypatch.setenv('FORUM_SOCKETIO_CHANNEL', 'forum-a')
    settings = Config.load()
    assert settings['RATELIMIT_STORAGE_URI'] == 'redis://127.0.0.1:6379/3'
    assert settings['RATELIMIT_STORAGE_OPTIONS'] == {'key_prefix': 'forum-a:limits'}


@pytest.mark.skipif(not os.environ.get('FORUM_TEST_REDIS_URL'), reason='needs Redis')
def test_with_redis_the_counts_live_in_redis(make_app, monkeypatch):
    import redis
    from limits.storage import RedisStorage

    url = os.environ['FORUM_TEST_REDIS_URL']
    channel = f'test-{uuid.uuid4().hex[:8]}'
    monkeypatch.setenv('FORUM_SECRET_KEY', 'k')
    monkeypatch.setenv('FORUM_REDIS_URL', url)
    monkeypatch.setenv('FORUM_SOCKETIO_CHANNEL', channel)
    served = Config.load()
    names = ('REDIS_URL', 'SOCKETIO_CHANNEL', 'RATELIMIT_STORAGE_URI', 'RATELIMIT_STORAGE_OPTIONS')
    app = make_app(LOGIN_RATE_LIMIT='2 per 15 minutes', **{k: served[k] for k in names})
    assert isinstance(limiter.storage, RedisStorage)
    with app.app_context():
        from forum.auth.services import create_user
        from forum.sectors.services import sector_by_code

        create_user(actor=None, email='ploy@example.org', password=PASSWORD,
                    display_name='Ploy', sector=sector_by_code('government'))  # fmt: skip
        _db.session.commit()
    client = app.test_client()
    try:
        assert _login(client, 'ploy@example.org', 'wrong').status_code == 400
        assert _login(client, 'ploy@example.org', 'wrong').status_code == 400
        assert _login(client, 'ploy@example.org').status_code == 429
        keys = redis.Redis.from_url(url).keys(f'{channel}:limits:*')
        assert keys, 'no counter in Redis'
        assert not any(b'ploy' in key for key in keys)  # emails are hashed, never stored
        # A second process (a fresh storage on the same Redis) sees the same count.
        second = make_app(LOGIN_RATE_LIMIT='2 per 15 minutes', **{k: served[k] for k in names})
        assert _login(second.test_client(), 'ploy@example.org').status_code == 429
    finally:
        limiter.storage.reset()
