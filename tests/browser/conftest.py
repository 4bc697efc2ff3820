"""Browser fixtures: a real gunicorn server on a fresh database and Debian's headless Chromium.

Every test under ``tests/browser`` is marked ``browser`` here, so ``-m 'not browser'`` leaves
them out on machines without Chromium.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from plans import drafting_nap, make_commitment, secretariat_http  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / '.venv' / 'bin'
CHROMIUM = os.environ.get('FORUM_CHROMIUM', '/usr/bin/chromium')
AXE_JS = ROOT / 'static' / 'vendor' / 'axe.min.js'
CHROMIUM_ARGS = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
]
#: How long the server may take to answer /healthz, and how long a browser action may take.
STARTUP_TIMEOUT = 30
ACTION_TIMEOUT_MS = 10_000


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder ``browser`` (before ``-m`` deselects anything)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _server_env(instance: Path) -> dict[str, str]:
    """Return the environment of the served application: its own database and instance folder."""
    env = dict(os.environ)
    # The server under test is self-contained: no message queue, no inherited database.
    for name in ('FORUM_REDIS_URL', 'FORUM_ASYNC_MODE', 'FORUM_SECURE_COOKIES'):
        env.pop(name, None)
    env.update(
        FLASK_APP='wsgi.py',
        FORUM_DATABASE_URL=f'sqlite:///{instance / "forum.sqlite3"}',
        FORUM_INSTANCE_PATH=str(instance),
        FORUM_SECRET_KEY='browser-test',
        PYTHONUNBUFFERED='1',
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    """Run a setup command from the repository root; fail the session with its output."""
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        # `flask` reports an app that fails to import as "No such command": show the traceback.
        probe = subprocess.run(
            [str(BIN / 'python'), '-c', 'import wsgi'],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        pytest.fail(
            f'{" ".join(args)} failed:\n{result.stdout}\n{result.stderr}\n'
            f'Importing wsgi:\n{probe.stderr or "ok"}',
            pytrace=False,
        )


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    """Wait until ``url`` answers 200; fail with the server log when it does not in time."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    state = f'exited with {proc.returncode}' if proc.poll() is not None else 'still starting'
    pytest.fail(
        f'{url} did not answer 200 within {STARTUP_TIMEOUT} s (server {state}).\n'
        f'Server log:\n{log.read_text(errors="replace")}',
        pytrace=False,
    )


@dataclass(frozen=True)
class Account:
    """A person the browser tests log in as (created with ``flask forum create-user``)."""

    email: str
    password: str
    name: str
    role: str
    sector: str
    organisation: str


#: Accounts created on the live server's database during set-up.
ACCOUNTS = {
    'secretariat': Account(
        email='secretariat@example.org',
        password='secretariat-password',
        name='สมศรี เลขานุการ',
        role='secretariat',
        sector='government',
        organisation='สำนักงานเลขานุการเวที',
    ),
    'drafter': Account(
        email='drafter@example.org',
        password='drafter-password',
        name='Nok Drafter',
        role='participant',
        sector='civil_society',
        organisation='เครือข่ายพลเมืองตื่นรู้',
    ),
}


@pytest.fixture(scope='session')
def server_env(tmp_path_factory) -> dict[str, str]:
    """The environment of the server under test (also used to run ``flask`` commands on it)."""
    return _server_env(tmp_path_factory.mktemp('live-server'))


def _create_accounts(env: dict[str, str]) -> None:
    """Create :data:`ACCOUNTS` side by side (each ``flask`` run takes a second or two)."""
    procs = [
        subprocess.Popen(
            [
                str(BIN / 'flask'),
                'forum',
                'create-user',
                a.email,
                '--password',
                a.password,
                '--name',
                a.name,
                '--role',
                a.role,
                '--sector',
                a.sector,
                '--organisation',
                a.organisation,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for a in ACCOUNTS.values()
    ]
    outputs = [proc.communicate()[0] for proc in procs]
    errors = [out for proc, out in zip(procs, outputs, strict=True) if proc.returncode]
    if errors:
        pytest.fail('flask forum create-user failed:\n' + '\n'.join(errors), pytrace=False)


@pytest.fixture(scope='session')
def live_server(server_env) -> Iterator[str]:
    """A real gunicorn + gevent server on a migrated SQLite database; yields its base URL.

    The database has the default sectors and policy areas, and the people in :data:`ACCOUNTS`.
    """
    env = server_env
    instance = Path(env['FORUM_INSTANCE_PATH'])
    _run([str(BIN / 'flask'), 'db', 'upgrade'], env)
    _run([str(BIN / 'flask'), 'forum', 'setup'], env)
    port = _free_port()
    base_url = f'http://127.0.0.1:{port}'
    log = instance / 'server.log'
    with open(log, 'wb') as out:
        proc = subprocess.Popen(
            [
                str(BIN / 'gunicorn'),
                '-k',
                'gevent',
                '-w',
                '1',
                '--worker-connections',
                '1000',
                '-b',
                f'127.0.0.1:{port}',
                'wsgi:app',
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        # The accounts go in while the server starts.
        _create_accounts(env)
        _wait_healthy(f'{base_url}/healthz', proc, log)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope='session')
def browser():
    """Debian's Chromium, headless, driven by Playwright; skips when Chromium is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f'Chromium not found at {CHROMIUM} (set FORUM_CHROMIUM)')
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope='session')
def accounts(live_server) -> dict[str, Account]:
    """The people who exist on the live server (see :data:`ACCOUNTS`), by role in the tests."""
    return ACCOUNTS


@pytest.fixture
def new_page(browser, live_server):
    """Factory: ``new_page(locale='th-TH', width=1280)`` opens a page in a fresh context."""
    contexts = []

    def factory(locale: str = 'th-TH', width: int = 1280, height: int = 800):
        context = browser.new_context(
            base_url=live_server, locale=locale, viewport={'width': width, 'height': height}
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        # axe-core ready in every page: injecting it per check costs a quarter second each time.
        if AXE_JS.exists():
            context.add_init_script(path=str(AXE_JS))
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a fresh browser context (Thai browser, desktop width); cookies never leak."""
    return new_page()
