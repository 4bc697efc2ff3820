"""The servers under test: the forum (gunicorn + gevent on a demo database) and the Node reference.

Also the poster's login: the demo chair, over HTTP, for the forum's Socket.IO handshake.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# The benchmark runs as a script (only tests/bench on sys.path): the repository root makes the
# harnesses' shared `tests.servers` importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from processes import ROOT, BenchError, Processes, Started, children_of  # noqa: E402

from tests import servers as shared  # noqa: E402

NODE_SERVER = ROOT / 'tests' / 'bench' / 'node_server.js'
POSTER_EMAIL = 'chair@example.org'
POSTER_PASSWORD = 'forum-demo-2569'
#: One User-Agent for the poster's pages and socket, as a browser has: Flask-Login's session
#: protection otherwise sees another client on every socket event and marks the session changed.
POSTER_USER_AGENT = 'forum-bench-poster/1'
STARTUP_TIMEOUT = 60


def forum_env(instance: Path, rate_limit: int) -> dict[str, str]:
    """The served application's environment: its own database and instance folder."""
    return shared.app_env(
        instance,
        f'sqlite:///{instance / "forum.sqlite3"}',
        secret='bench-secret',
        FORUM_COMMENT_RATE_LIMIT=str(rate_limit),
    )


def prepare_database(template: Path, rate_limit: int) -> None:
    """Migrate a fresh SQLite database in ``template`` and load the demo data into it."""
    env = forum_env(template, rate_limit)
    try:
        shared.demo_sqlite(template / 'forum.sqlite3', env)
    except shared.ServerError as exc:
        raise BenchError(str(exc)) from exc


def wait_healthy(url: str, entry: Started, log: Path) -> None:
    """Wait until ``url`` answers 200, or fail with the server's log."""
    try:
        shared.wait_healthy(url, entry.proc, log, timeout=STARTUP_TIMEOUT)
    except shared.ServerError as exc:
        raise BenchError(f'{entry.name}: {exc}') from exc


@dataclass
class Server:
    """A running server under test."""

    kind: str
    url: str
    entry: Started
    #: The process that serves the sockets (the gunicorn worker, or node itself).
    pid: int
    log: Path


def start_forum(procs: Processes, work: Path, template: Path, args) -> Server:
    """Start `gunicorn -k gevent -w 1` on a copy of the prepared database."""
    port = shared.free_port()
    instance = work / f'forum-{port}'
    shutil.copytree(template, instance)
    env = forum_env(instance, args.rate_limit)
    log = instance / 'server.log'
    proc = shared.start_gunicorn(port, env, log, worker_connections=args.worker_connections)
    # SIGINT is gunicorn's quick shutdown (SIGTERM waits for open websockets).
    entry = procs.add('gunicorn', proc, stop_signal=signal.SIGINT)
    url = f'http://127.0.0.1:{port}'
    wait_healthy(f'{url}/healthz', entry, log)
    workers = children_of(entry.proc.pid)
    if len(workers) != 1:
        raise BenchError(f'expected one gunicorn worker, found {workers}')
    entry.children = workers
    return Server('forum', url, entry, workers[0], log)


def start_node(procs: Processes, work: Path, args) -> Server:
    """The reference server, tests/bench/node_server.js."""
    if not (ROOT / 'node_modules' / 'socket.io').is_dir():
        raise BenchError('node_modules/socket.io is missing: run `npm ci` (or `make assets`)')
    node = shutil.which('node')
    if node is None:
        raise BenchError('node is not on PATH')
    port = shared.free_port()
    log = work / f'node-{port}.log'
    with open(log, 'wb') as out:
        entry = procs.popen(
            'node',
            [node, str(NODE_SERVER), str(port)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f'http://127.0.0.1:{port}'
    wait_healthy(f'{url}/healthz', entry, log)
    return Server('node', url, entry, entry.proc.pid, log)


def login_poster(base_url: str) -> tuple[str, str]:
    """Log the demo chair in over HTTP; return its Cookie header and the page's CSRF token."""
    import requests

    http = requests.Session()
    http.headers['User-Agent'] = POSTER_USER_AGENT
    page = http.get(f'{base_url}/auth/login', timeout=10)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
    if match is None:
        raise BenchError('no csrf_token in the login form')
    answer = http.post(
        f'{base_url}/auth/login',
        data={'email': POSTER_EMAIL, 'password': POSTER_PASSWORD, 'csrf_token': match.group(1)},
        timeout=30,
    )
    if answer.status_code != 200:
        raise BenchError(f'login failed: HTTP {answer.status_code}')
    page = http.get(f'{base_url}/', timeout=10)
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text)
    if meta is None:
        raise BenchError('no <meta name="csrf-token"> after login')
    cookie = '; '.join(f'{c.name}={c.value}' for c in http.cookies)
    if 'session=' not in cookie:
        raise BenchError('no session cookie after login')
    return cookie, meta.group(1)
