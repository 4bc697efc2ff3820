"""One real gunicorn + gevent server with short socket limits: SQLite, and PostgreSQL + Redis.

The PostgreSQL run (when both URLs are configured) gets a database of its own on the server of
``FORUM_TEST_DATABASE_URL`` (``forum_stall_<random>``, dropped at the end) and a Redis channel
of its own on ``FORUM_TEST_REDIS_URL`` (its keys deleted at the end).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator

import pytest

from tests import pgtools
from tests.pgtools import scratch_database
from tests.servers import ServerError
from tests.stalled.harness import SingleServer

#: Short limits, so that each test ends within seconds: a write may wait 2 s; a client that
#: answers no ping is gone after 8 + 4 s; 64 KB of kernel buffer per websocket (the kernel's
#: autotuning would take about 2.8 MB of comments to fill).
SETTINGS = {
    'FORUM_SOCKET_SEND_TIMEOUT': '2',
    'FORUM_SOCKET_SEND_BUFFER': '65536',
    'FORUM_SOCKET_PING_INTERVAL': '8',
    'FORUM_SOCKET_PING_TIMEOUT': '4',
}


def _backends() -> list:
    names = ['sqlite']
    if os.environ.get('FORUM_TEST_DATABASE_URL') and os.environ.get('FORUM_TEST_REDIS_URL'):
        names.append(pytest.param('postgresql', marks=pytest.mark.postgres))
    return names


@pytest.fixture(scope='session', params=_backends())
def stall_server(request, tmp_path_factory) -> Iterator[SingleServer]:
    """The server; on PostgreSQL with the message queue and presence in Redis."""
    instance = tmp_path_factory.mktemp(f'stalled-{request.param}')
    settings = dict(SETTINGS)
    with contextlib.ExitStack() as cleanup:
        if request.param == 'sqlite':
            database_url = f'sqlite:///{instance / "forum.sqlite3"}'
        else:
            database_url = cleanup.enter_context(
                scratch_database(pgtools.server_url(), 'forum_stall')
            )
            channel = f'forum-stall-{secrets.token_hex(6)}'
            redis_url = os.environ['FORUM_TEST_REDIS_URL']
            cleanup.callback(_drop_keys, redis_url, channel)
            settings.update(FORUM_REDIS_URL=redis_url, FORUM_SOCKETIO_CHANNEL=channel)
        try:
            server = SingleServer(instance, database_url, **settings)
        except ServerError as exc:
            pytest.fail(str(exc), pytrace=False)
        cleanup.callback(server.stop)
        yield server


def _drop_keys(redis_url: str, channel: str) -> None:
    """Delete the Redis keys of ``channel`` (presence, throttles)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f'{channel}:*', count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the server's log to the report of a test that fails."""
    report = yield
    server = getattr(item, 'funcargs', {}).get('stall_server')
    if report.failed and server is not None:
        report.sections.append(('server log', server.log_text()))
    return report
