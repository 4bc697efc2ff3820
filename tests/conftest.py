"""Fixtures: app and db on every configured backend, clients, an auth helper, factories."""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Iterator
from datetime import date

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text

from forum import create_app
from forum.auth.models import Role, User
from forum.auth.services import create_user
from forum.core.audit import APPEND_ONLY_SQL, DROP_APPEND_ONLY_SQL
from forum.extensions import db as _db
from forum.members.services import add_membership
from forum.naps.services import ensure_policy_areas
from forum.sectors.services import ensure_default_sectors, sector_by_code
from tests import pgtools
from tests.pgtools import scratch_database
from tests.races import postgres  # noqa: F401  (a fixture: skip unless on PostgreSQL)

PASSWORD = 'correct horse battery'
_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"|name="csrf_token"[^>]*value="([^"]+)"')


def _backends() -> list[str]:
    names = ['sqlite']
    if os.environ.get('FORUM_TEST_DATABASE_URL'):
        names.append('postgresql')
    return names


@pytest.fixture(scope='session', params=_backends())
def database_url(request, tmp_path_factory) -> Iterator[str]:
    """A migrated, empty database on one backend (SQLite always; PostgreSQL when configured).

    On PostgreSQL a database of the run's own (``forum_test_<random>``, dropped at the end): the
    suite never touches the database ``FORUM_TEST_DATABASE_URL`` names.
    """
    with contextlib.ExitStack() as stack:
        if request.param == 'sqlite':
            url = f'sqlite:///{tmp_path_factory.mktemp("db") / "forum.sqlite3"}'
        else:
            url = stack.enter_context(scratch_database(pgtools.server_url(), 'forum_test'))
        app = create_app({'SQLALCHEMY_DATABASE_URI': url})
        with app.app_context():
            from flask_migrate import upgrade

            upgrade(directory=app.config['MIGRATIONS_DIR'])
            _db.engine.dispose()
        yield url
        with app.app_context():
            _db.engine.dispose()


class FreshContextClient(FlaskClient):
    """A test client whose every request runs in its own application context.

    Flask reuses an application context that is already pushed (the ``db`` fixture pushes one),
    so ``g`` (Flask-Login's user, Flask-Babel's locale) and the database session would leak from
    one request to the next. A browser never shares them; neither do our requests.
    """

    def open(self, *args, **kwargs):
        outer = has_app_context()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if outer:
            # End the test's own transaction so that it sees what the request committed.
            _db.session.rollback()
        return response


#: The rows the seeding left, per database: later tests put them back in one insert per table.
_SEEDED: dict[str, list[tuple]] = {}


def _seed(url: str) -> None:
    """The default sectors and policy areas (and their audit entries), as the app makes them.

    The first test on a database runs the services; the rows they left are kept and later tests
    insert the same rows directly (70 ms a test down to a few).
    """
    rows = _SEEDED.get(url)
    if rows is None:
        ensure_default_sectors()
        ensure_policy_areas()
        _db.session.commit()
        with _db.engine.connect() as conn:
            rows = [
                (table, [dict(r._mapping) for r in conn.execute(table.select())])
                for table in _db.metadata.sorted_tables
            ]
        _SEEDED[url] = [(table, found) for table, found in rows if found]
        return
    with _db.engine.begin() as conn:
        for table, found in rows:
            conn.execute(table.insert(), found)
            if conn.dialect.name == 'postgresql' and 'id' in table.c:
                conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :top)"),
                    {'top': max(row['id'] for row in found)},
                )


def app_on(url: str):
    """Yield the application on the database at ``url``, seeded; wipe it afterwards."""
    app = create_app({'SQLALCHEMY_DATABASE_URI': url})
    app.test_client_class = FreshContextClient
    with app.app_context():
        _seed(url)
    yield app
    with app.app_context():
        _db.session.remove()
        _wipe()
        _db.engine.dispose()


@pytest.fixture
def app(database_url):
    """The application on a clean database holding the default sectors and policy areas."""
    yield from app_on(database_url)


#: Every sequence of the schema back to 1, as ``TRUNCATE … RESTART IDENTITY`` would.
_RESTART_SEQUENCES = text(
    'SELECT setval(c.oid, 1, false) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace'
    " WHERE c.relkind = 'S' AND n.nspname = current_schema()"
)


def _wipe() -> None:
    """Empty every table, children first, and start the ids again at 1.

    On PostgreSQL ``DELETE`` and ``setval``, not ``TRUNCATE``: a test leaves a few rows, and
    ``TRUNCATE`` of every table took 0.47 s a test here (new files for each table), ``DELETE``
    0.01-0.06 s.
    """
    tables = [t.name for t in reversed(_db.metadata.sorted_tables)]
    with _db.engine.begin() as conn, audit_triggers_lifted(conn):
        for name in tables:
            conn.execute(text(f'DELETE FROM {name}'))
        if conn.dialect.name == 'postgresql':
            conn.execute(_RESTART_SEQUENCES)


@contextlib.contextmanager
def audit_triggers_lifted(conn) -> Iterator[None]:
    """The audit log's append-only triggers off for what runs inside, in ``conn``'s transaction.

    For the test suite only (emptying the database, back-dating entries): the app never lifts
    them (docs/moderation.md). PostgreSQL disables its trigger; SQLite drops and re-creates its
    two (it cannot disable one).
    """
    if conn.dialect.name == 'postgresql':
        # ALTER TABLE waits for every other transaction on the table: fail rather than hang.
        conn.execute(text("SET LOCAL lock_timeout = '10s'"))
        conn.execute(text('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only'))
        yield
        conn.execute(text('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only'))
    else:
        for statement in DROP_APPEND_ONLY_SQL['sqlite']:
            conn.execute(text(statement))
        yield
        for statement in APPEND_ONLY_SQL['sqlite']:
            conn.execute(text(statement))


@pytest.fixture
def db(app):
    """The database session inside an application context."""
    with app.app_context():
        yield _db


@pytest.fixture
def client(app):
    """A Flask test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner for ``flask`` CLI commands."""
    return app.test_cli_runner()


def csrf_token(client, path: str = '/') -> str:
    """Return the CSRF token of the page at ``path`` (as a browser would read it)."""
    html = client.get(path).get_data(as_text=True)
    match = _CSRF.search(html)
    assert match, f'no CSRF token on {path}'
    return match.group(1) or match.group(2)


class AuthActions:
    """Log in and out through the real forms, CSRF token included."""

    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = PASSWORD, **kwargs):
        token = csrf_token(self._client, '/auth/login')
        return self._client.post(
            '/auth/login',
            data={'email': email, 'password': password, 'csrf_token': token},
            **kwargs,
        )

    def logout(self):
        token = csrf_token(self._client, '/')
        return self._client.post('/auth/logout', data={'csrf_token': token})


@pytest.fixture
def auth(client):
    """Log the test client in and out."""
    return AuthActions(client)


_counter = itertools.count(1)


@pytest.fixture
def create_user_(app):
    """Factory: ``create_user_(role=..., sector=..., email=...)`` makes an account."""

    def factory(role: str = Role.participant, sector: str = 'civil_society', **kwargs) -> User:
        n = next(_counter)
        with app.app_context():
            user = create_user(
                actor=None,
                email=kwargs.pop('email', f'person{n}@example.org'),
                password=kwargs.pop('password', PASSWORD),
                display_name=kwargs.pop('display_name', f'Person {n}'),
                sector=sector_by_code(sector),
                role=role,
                **kwargs,
            )
            _db.session.commit()
            _db.session.refresh(user)
            _db.session.expunge(user)
        return user

    return factory


@pytest.fixture
def create_member(app, create_user_):
    """Factory: an account holding a seat in ``sector`` since 2026, open-ended (so held today)."""

    def factory(sector: str = 'civil_society', seat_role: str = 'member', **kwargs) -> User:
        user = create_user_(sector=sector, **kwargs)
        with app.app_context():
            _db.session.add(user)
            add_membership(
                user,
                actor=None,
                sector=sector_by_code(sector),
                seat_role=seat_role,
                term_start=date(2026, 1, 1),
            )
            _db.session.commit()
            _db.session.refresh(user)
            _db.session.expunge(user)
        return user

    return factory


@pytest.fixture
def dummy_member(create_member):
    """A civil-society MSF member."""
    return create_member(email='dummy@example.org', display_name='สมชาย ตัวอย่าง')


@pytest.fixture
def secretariat(create_user_):
    """A secretariat account (runs the forum)."""
    return create_user_(role=Role.secretariat, sector='government', email='sec@example.org')


def pytest_sessionstart(session):
    """Compile the catalogues when they are missing or stale (``make test`` does it too)."""
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in Path(__file__).resolve().parent.parent.glob('translations/*/LC_MESSAGES/*.po'):
        mo = po.with_suffix('.mo')
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with open(po, 'rb') as src:
                catalog = read_po(src)
            # Written aside, then renamed: parallel workers never read half a catalogue.
            partial = mo.with_suffix(f'.mo.{os.getpid()}')
            with open(partial, 'wb') as dst:
                write_mo(dst, catalog)
            os.replace(partial, mo)


#: Folders whose tests run real servers (gunicorn, Chromium, Redis-backed processes). Under
#: ``pytest -n 2`` (tests/run.py) they share one worker and take turns, while the other worker runs
#: the rest: two real servers never compete with each other for the two cores.
SERVER_FOLDERS = ('browser', 'multiprocess', 'serving')
#: Folders whose tests judge a server by its timing (a stalled socket closed within its limits, the
#: worker answering during a burst, the benchmark's phases): marked ``serial``, tests/run.py runs
#: them after the others, alone on the machine.
SERIAL_FOLDERS = ('stalled', 'soak', 'bench')


def pytest_collection_modifyitems(config, items):
    """Group the real-server tests (``--dist loadgroup``) and mark the timing ones ``serial``.

    A ``layout_only`` test (PDF layout, which no database changes) runs on SQLite only: its
    PostgreSQL copy would lay the same pages out again, for seconds each.
    """
    from pathlib import Path

    here = Path(__file__).resolve().parent
    servers = {here / name for name in SERVER_FOLDERS}
    serial = {here / name for name in SERIAL_FOLDERS}
    kept, twice = [], []
    for item in items:
        parents = set(Path(item.path).parents)
        if servers & parents:
            item.add_marker(pytest.mark.xdist_group('servers'))
        elif serial & parents:
            item.add_marker(pytest.mark.serial)
        params = getattr(getattr(item, 'callspec', None), 'params', {})
        layout_only = item.get_closest_marker('layout_only') is not None
        (twice if layout_only and params.get('database_url') == 'postgresql' else kept).append(item)
    if twice:
        config.hook.pytest_deselected(items=twice)
        items[:] = kept


class SocketClient:
    """Flask-SocketIO's test client, each event handled in its own application context.

    As with :class:`FreshContextClient`: a context pushed by the test (the ``db`` fixture) would
    otherwise be shared by every socket's events, and with it Flask-Login's cached user.
    """

    def __init__(self, app, flask_client, *, logged_in: bool = False, lang: str = 'en'):
        from forum.extensions import socketio

        self._app = app
        auth = {'csrf_token': csrf_token(flask_client)} if logged_in else None
        with app.app_context():
            self._client = socketio.test_client(
                app, flask_test_client=flask_client, auth=auth, headers={'Accept-Language': lang}
            )
        self._settle()

    def _settle(self):
        if has_app_context():
            _db.session.rollback()

    def emit(self, *args, **kwargs):
        with self._app.app_context():
            result = self._client.emit(*args, **kwargs)
        self._settle()
        return result

    def disconnect(self):
        with self._app.app_context():
            self._client.disconnect()
        self._settle()

    def is_connected(self):
        return self._client.is_connected()

    def get_received(self):
        return self._client.get_received()

    def events(self, name: str) -> list:
        """The payloads of every ``name`` event received since the last call."""
        return [e['args'][0] for e in self._client.get_received() if e['name'] == name]


@pytest.fixture
def socket_client(app):
    """Factory: ``socket_client(flask_client, logged_in=True)`` connects a Socket.IO client."""
    return lambda flask_client, logged_in=False, lang='en': SocketClient(
        app, flask_client, logged_in=logged_in, lang=lang
    )
