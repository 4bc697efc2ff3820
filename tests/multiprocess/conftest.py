"""Two real gunicorn + gevent servers sharing one PostgreSQL database and one Redis channel.

Every test under ``tests/multiprocess`` is marked ``multiprocess`` here. The tests skip unless
``FORUM_TEST_DATABASE_URL`` (PostgreSQL) and ``FORUM_TEST_REDIS_URL`` are set (``tests/run.py``
sets both when the services answer). The PostgreSQL server of ``FORUM_TEST_DATABASE_URL`` gets a
database of its own (``forum_mp_<random>``), dropped at the end; that URL's database is not used.
"""

from __future__ import annotations

import html
import os
import re
import secrets
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests import pgtools
from tests.pgtools import scratch_database
from tests.servers import (
    ServerError,
    app_env,
    flask,
    free_ports,
    log_text,
    start_gunicorn,
    stop,
    wait_healthy,
)

#: How long a server may take to answer /healthz, and how long a socket event may take to arrive.
STARTUP_TIMEOUT = 30
EVENT_TIMEOUT = 5.0
DEMO_PASSWORD = 'forum-demo-2569'
_LOGIN_CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')
_META_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder ``multiprocess`` (before ``-m`` deselects anything)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.multiprocess)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach both servers' logs to the report of a test that fails."""
    report = yield
    funcargs = getattr(item, 'funcargs', {})
    servers = [*funcargs.get('servers', ()), *filter(None, [funcargs.get('server_c')])]
    if report.failed and servers:
        for server in servers:
            report.sections.append((f'server {server.name} log', server.log_text()))
    return report


@dataclass(frozen=True)
class Services:
    """The PostgreSQL server (as a URL) and the Redis URL the tests may use."""

    postgres_url: str
    redis_url: str


@pytest.fixture(scope='session')
def services() -> Services:
    """The configured services; skips when PostgreSQL or Redis is not configured."""
    db_url = os.environ.get('FORUM_TEST_DATABASE_URL')
    redis_url = os.environ.get('FORUM_TEST_REDIS_URL')
    if not db_url:
        pytest.skip('FORUM_TEST_DATABASE_URL is not set: two processes need a PostgreSQL server')
    try:
        db_url = pgtools.server_url()
    except ValueError:
        pytest.skip(f'FORUM_TEST_DATABASE_URL is not PostgreSQL: {db_url}')
    if not redis_url:
        pytest.skip('FORUM_TEST_REDIS_URL is not set: two processes share events through Redis')
    return Services(postgres_url=db_url, redis_url=redis_url)


@pytest.fixture(scope='session')
def mp_database_url(services) -> Iterator[str]:
    """A new, empty database ``forum_mp_<random>`` on the test server; dropped afterwards."""
    with scratch_database(services.postgres_url, 'forum_mp') as url:
        yield url


@pytest.fixture
def db_query(mp_database_url) -> Callable[..., list[tuple]]:
    """Run one SQL query on the servers' database and return its rows."""
    import psycopg

    def query(statement: str, params: tuple = ()) -> list[tuple]:
        with psycopg.connect(mp_database_url, connect_timeout=5) as conn:
            return conn.execute(statement, params).fetchall()

    return query


def _run(args: list[str], env: dict[str, str]) -> None:
    """Run ``flask <args>`` on the servers' database; fail with its output."""
    try:
        flask(args, env)
    except ServerError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope='session')
def server_env(services, mp_database_url, tmp_path_factory) -> dict[str, str]:
    """The environment shared by the set-up commands and both servers (no Redis yet)."""
    return app_env(
        tmp_path_factory.mktemp('multiprocess'),
        mp_database_url,
        secret=secrets.token_hex(32),
        # The tests post a few comments a second as one person; the rate limit is tested elsewhere.
        FORUM_COMMENT_RATE_LIMIT='1000',
    )


@dataclass
class Server:
    """One gunicorn process: its name (A, B), base URL, process and log file."""

    name: str
    url: str
    proc: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        """The server's output so far."""
        return log_text(self.log)


def _start(name: str, port: int, env: dict[str, str]) -> Server:
    """Start one gunicorn + gevent worker on ``port``."""
    log = Path(env['FORUM_INSTANCE_PATH']) / f'server-{name}.log'
    proc = start_gunicorn(port, env, log, graceful_timeout=2)
    return Server(name=name, url=f'http://127.0.0.1:{port}', proc=proc, log=log)


def _healthy(body: dict) -> bool:
    """Whether a /healthz answer has the database and the message queue ok."""
    return body.get('database') == 'ok' and body.get('message_queue') == 'ok'


def _wait_healthy(server: Server) -> None:
    """Wait until /healthz answers 200 with the database and the message queue ok."""
    try:
        wait_healthy(
            f'{server.url}/healthz', server.proc, server.log, STARTUP_TIMEOUT, check=_healthy
        )
    except ServerError as exc:
        pytest.fail(f'server {server.name}: {exc}', pytrace=False)


@pytest.fixture(scope='session')
def queued_env(server_env, services) -> Iterator[dict[str, str]]:
    """The servers' environment: the message queue and presence on one Redis channel of this run.

    The channel's keys (presence) are deleted at the end.
    """
    import redis

    channel = f'forum-mp-{secrets.token_hex(6)}'
    yield dict(
        server_env,
        FORUM_REDIS_URL=services.redis_url,
        FORUM_SOCKETIO_CHANNEL=channel,
        # A dead process is noticed within 4 heartbeats: 8 s here, not 40.
        FORUM_PRESENCE_HEARTBEAT='2',
    )
    client = redis.Redis.from_url(services.redis_url)
    keys = list(client.scan_iter(match=f'{channel}:*', count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(scope='session')
def servers(server_env, queued_env) -> Iterator[list[Server]]:
    """Servers A and B: migrated demo database, one Redis channel of their own for this run."""
    _run(['db', 'upgrade'], server_env)
    env = queued_env
    started: list[Server] = []
    try:
        for name, port in zip('AB', free_ports(2), strict=True):
            started.append(_start(name, port, env))
        # The servers boot while the demo data goes in; they read nothing from it at start.
        _run(['forum', 'demo'], server_env)
        for server in started:
            _wait_healthy(server)
        yield started
    finally:
        stop(*(server.proc for server in started))


@pytest.fixture
def server_c(servers, queued_env) -> Iterator[Server]:
    """A third server on the same channel, for one test (which may kill it); heartbeat 1 s."""
    env = dict(queued_env, FORUM_PRESENCE_HEARTBEAT='1')
    server = _start('C', free_ports(1)[0], env)
    try:
        _wait_healthy(server)
        yield server
    finally:
        stop(server.proc)


@pytest.fixture
def server_a(servers) -> Server:
    """The first server process."""
    return servers[0]


@pytest.fixture
def server_b(servers) -> Server:
    """The second server process."""
    return servers[1]


def _csrf(pattern: re.Pattern, page: str, where: str) -> str:
    """Return the CSRF token ``pattern`` finds in ``page``."""
    match = pattern.search(page)
    assert match, f'no CSRF token on {where}'
    return html.unescape(match.group(1))


class Browser:
    """An HTTP session on one server, logged in or not, that can open sockets with its cookie."""

    def __init__(self, server: Server, http: requests.Session | None = None):
        self.server = server
        self.http = http or requests.Session()

    def on(self, server: Server) -> Browser:
        """The same browser (same cookies) talking to ``server``, as behind a load balancer."""
        return Browser(server, self.http)

    def get(self, path: str, **kwargs) -> requests.Response:
        """GET a page of this server."""
        return self.http.get(f'{self.server.url}{path}', timeout=10, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> requests.Response:
        """POST a form to this server."""
        return self.http.post(f'{self.server.url}{path}', data=data, timeout=10, **kwargs)

    def login(self, email: str, password: str = DEMO_PASSWORD) -> Browser:
        """Log in through the real form, CSRF token included."""
        token = _csrf(_LOGIN_CSRF, self.get('/auth/login').text, '/auth/login')
        response = self.post(
            '/auth/login', {'email': email, 'password': password, 'csrf_token': token}
        )
        assert response.status_code == 200, response.text[:500]
        assert response.history, f'login of {email} on {self.server.name} did not redirect'
        return self

    def page_csrf(self, path: str = '/') -> str:
        """The CSRF token of a page's ``<meta name="csrf-token">``, as live.js reads it."""
        return _csrf(_META_CSRF, self.get(path).text, path)

    def cookie_header(self) -> str:
        """The ``Cookie`` header a browser would send to this server."""
        return '; '.join(f'{c.name}={c.value}' for c in self.http.cookies)


class LiveClient:
    """A python-socketio client that records every event the server sends it."""

    def __init__(self, name: str):
        import socketio

        self.name = name
        self.sio = socketio.Client(reconnection=False)
        self._events: list[tuple[str, object]] = []
        self._cond = threading.Condition()
        self.sio.on('*', self._record)

    def _record(self, event: str, *args) -> None:
        with self._cond:
            self._events.append((event, args[0] if args else None))
            self._cond.notify_all()

    def connect(self, browser: Browser, *, logged_in: bool, csrf: str | None = None) -> LiveClient:
        """Connect to ``browser``'s server with its cookie and a page's CSRF token.

        The token is read from a page of that server unless ``csrf`` is given.
        """
        auth = {'csrf_token': csrf or browser.page_csrf()} if logged_in else None
        headers = {'Cookie': browser.cookie_header()} if logged_in else {}
        self.sio.connect(browser.server.url, headers=headers, auth=auth, wait_timeout=10)
        return self

    def call(self, event: str, data: dict, timeout: float = 10) -> dict:
        """Send ``event`` and return the server's acknowledgement."""
        return self.sio.call(event, data, timeout=timeout)

    def events(self, name: str) -> list:
        """The payloads of every ``name`` event received so far."""
        with self._cond:
            return [data for event, data in self._events if event == name]

    def wait_for(
        self, name: str, match: Callable[[object], bool] = lambda _d: True,
        timeout: float = EVENT_TIMEOUT,
    ):  # fmt: skip
        """Return the first ``name`` event whose payload ``match``-es; fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for event, data in self._events:
                    if event == name and match(data):
                        return data
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [event for event, _data in self._events]
                    pytest.fail(f'{self.name}: no matching {name!r} within {timeout} s; saw {seen}')
                self._cond.wait(left)

    def forget(self) -> None:
        """Drop the events received so far: later waits see only what comes next."""
        with self._cond:
            self._events.clear()

    def close(self) -> None:
        """Disconnect (no-op when already disconnected)."""
        if self.sio.connected:
            self.sio.disconnect()


@pytest.fixture
def web() -> Iterator[Callable[[Server], Browser]]:
    """Factory: ``web(server)`` is a new HTTP session on ``server`` (log in with ``.login``)."""
    browsers: list[Browser] = []

    def factory(server: Server) -> Browser:
        browsers.append(Browser(server))
        return browsers[-1]

    yield factory
    for browser in browsers:
        browser.http.close()


@pytest.fixture
def live() -> Iterator[Callable[..., LiveClient]]:
    """Factory: ``live(browser, name, logged_in=True, csrf=None)`` opens a recorded socket."""
    clients: list[LiveClient] = []

    def factory(
        browser: Browser, name: str, *, logged_in: bool = True, csrf: str | None = None
    ) -> LiveClient:
        client = LiveClient(name)
        clients.append(client)
        return client.connect(browser, logged_in=logged_in, csrf=csrf)

    yield factory
    for client in clients:
        client.close()
