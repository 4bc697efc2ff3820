import os

import pytest

from forum import create_app


def test_healthz_reports_database_and_disabled_queue(client):
    response = client.get('/healthz')
    assert response.status_code == 200
    assert response.get_json() == {'status': 'ok', 'database': 'ok', 'message_queue': 'disabled'}


@pytest.mark.skipif(not os.environ.get('FORUM_TEST_REDIS_URL'), reason='needs Redis')
def test_healthz_pings_the_configured_redis(database_url):
    app = create_app(
        {'SQLALCHEMY_DATABASE_URI': database_url, 'REDIS_URL': os.environ['FORUM_TEST_REDIS_URL']}
    )
    response = app.test_client().get('/healthz')
    assert response.status_code == 200
    assert response.get_json()['message_queue'] == 'ok'


def test_healthz_is_503_when_the_queue_is_unreachable(database_url):
    # Port 9 (discard) on loopback: nothing listens there.
    app = create_app(
        {'SQLALCHEMY_DATABASE_URI': database_url, 'REDIS_URL': 'redis://127.0.0.1:9/0'}
    )
    response = app.test_client().get('/healthz')
    body = response.get_json()
    assert response.status_code == 503
    assert body['status'] == 'error'
    assert body['database'] == 'ok'
    assert body['message_queue'].startswith('error')


def test_healthz_is_503_when_the_database_is_unreachable():
    url = 'postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1'
    app = create_app({'SQLALCHEMY_DATABASE_URI': url})
    response = app.test_client().get('/healthz')
    body = response.get_json()
    assert response.status_code == 503
    assert body['database'].startswith('error')
    assert body['status'] == 'error'
