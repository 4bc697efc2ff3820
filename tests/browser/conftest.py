"""Browser fixtures: a real gunicorn server on a fresh database and Debian's headless Chromium.

Every test under ``tests/browser`` is marked ``browser`` here, so ``-m 'not browser'`` leaves
them out on machines without Chromium.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from plans import drafting_nap, make_commitment, member, secretariat_http  # noqa: F401  (fixtures)

from tests.servers import (
    BIN,
    ROOT,
    ServerError,
    app_env,
    flask,
    free_port,
    start_gunicorn,
    stop,
    wait_healthy,
)

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
#: Reports each Content-Security-Policy violation of a page (and of its frames) to the test.
CSP_REPORTER = """
document.addEventListener('securitypolicyviolation', function (e) {
  window.__forumCspViolation(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline')
    + ' on ' + e.documentURI + ' (' + (e.sourceFile || '') + ':' + e.lineNumber + ')');
}, true);
"""
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
    instance = tmp_path_factory.mktemp('live-server')
    # Many tests post as the same few people within a minute: the comment rate limit (tested in
    # tests/comments) would make them wait for its window.
    # No wait for a slow export: the browser is shown its progress (tests/browser/test_exports.py).
    return app_env(
        instance,
        f'sqlite:///{instance / "forum.sqlite3"}',
        secret='browser-test',
        FORUM_COMMENT_RATE_LIMIT='1000',
        FORUM_EXPORT_WAIT='0',
    )


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
    log = instance / 'server.log'
    try:
        flask(['db', 'upgrade'], env)
        flask(['forum', 'setup'], env)
    except ServerError as exc:
        pytest.fail(str(exc), pytrace=False)
    port = free_port()
    base_url = f'http://127.0.0.1:{port}'
    proc = start_gunicorn(port, env, log)
    try:
        # The accounts go in while the server starts.
        _create_accounts(env)
        try:
            wait_healthy(f'{base_url}/healthz', proc, log, timeout=STARTUP_TIMEOUT)
        except ServerError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield base_url
    finally:
        stop(proc)


class CspWatch:
    """Every Content-Security-Policy violation in the browser contexts of the session.

    Each context reports both the ``securitypolicyviolation`` events of its pages and Chromium's
    console messages about the policy (which also cover what no script sees, such as a page
    refusing to be framed). :func:`no_csp_violation` fails every browser test that caused one.
    The policy refuses ``eval``: Playwright's ``page.wait_for_function`` and an inline
    ``page.add_script_tag(content=…)`` are refused too; poll with ``page.evaluate`` instead.
    """

    def __init__(self):
        self.seen: list[str] = []
        self._contexts: list = []

    def watch(self, context) -> None:
        """Report the violations of every page ``context`` opens from now on."""
        context.expose_binding('__forumCspViolation', lambda _source, text: self.seen.append(text))
        context.add_init_script(script=CSP_REPORTER)
        context.on('console', self._console)
        context.on('close', self._closed)
        self._contexts.append(context)

    def _closed(self, context) -> None:
        self._contexts.remove(context)

    def _console(self, message) -> None:
        if 'Content Security Policy' in message.text:
            self.seen.append(f'console: {message.text}')

    def flush(self) -> None:
        """Let every open page deliver its reports: the events queued, then one round trip."""
        for context in list(self._contexts):
            for page in context.pages:
                try:
                    page.evaluate('new Promise((done) => setTimeout(done, 20))')
                except Exception:  # noqa: BLE001 - a page closing meanwhile reports nothing more
                    pass

    def take(self) -> list[str]:
        """The violations seen since the last call."""
        self.flush()
        seen, self.seen = self.seen, []
        return seen


#: The one watch of the session (browser contexts are made through :class:`WatchedBrowser`).
CSP_WATCH = CspWatch()


class WatchedBrowser:
    """A Playwright browser whose every new context is watched for CSP violations."""

    def __init__(self, browser):
        self._browser = browser

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **kwargs):
        """``Browser.new_context``, watched."""
        context = self._browser.new_context(**kwargs)
        CSP_WATCH.watch(context)
        return context

    def new_page(self, **kwargs):
        """``Browser.new_page``, watched from its first navigation on."""
        page = self._browser.new_page(**kwargs)
        CSP_WATCH.watch(page.context)
        return page


@pytest.fixture(autouse=True)
def no_csp_violation():
    """Fail the test when any page broke the Content-Security-Policy while it ran."""
    CSP_WATCH.take()  # nothing of an earlier test is blamed on this one
    yield CSP_WATCH
    violations = CSP_WATCH.take()
    if violations:
        pytest.fail('Content-Security-Policy violations:\n' + '\n'.join(violations), pytrace=False)


@pytest.fixture(scope='session')
def browser():
    """Debian's Chromium, headless, driven by Playwright; skips when Chromium is missing.

    Every context it makes reports CSP violations (:class:`WatchedBrowser`).
    """
    if not os.path.exists(CHROMIUM):
        pytest.skip(f'Chromium not found at {CHROMIUM} (set FORUM_CHROMIUM)')
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield WatchedBrowser(browser)
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
    CSP_WATCH.flush()  # before the pages go
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a fresh browser context (Thai browser, desktop width); cookies never leak."""
    return new_page()
