"""Configuration read from the environment (``FORUM_*``) when an app is built, with a test variant.

Nothing is read at import: :meth:`Config.load` and :func:`instance_path` read the environment
each time ``create_app`` calls them; :class:`TestConfig` reads none of it.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

#: The repository root: top-level folders are passed to Flask and extensions as absolute paths.
ROOT = Path(__file__).resolve().parent.parent


def instance_path() -> Path:
    """Where the SQLite file and the generated key live (``FORUM_INSTANCE_PATH``), read now."""
    return Path(os.environ.get('FORUM_INSTANCE_PATH', ROOT / 'instance'))


def _secret_key() -> str:
    """Return ``FORUM_SECRET_KEY`` or a key generated once into ``instance/secret_key``."""
    key = os.environ.get('FORUM_SECRET_KEY')
    if key:
        return key
    path = instance_path() / 'secret_key'
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Exclusive create: two processes starting together end up with one key.
        try:
            with open(path, 'x', encoding='ascii') as fh:
                fh.write(secrets.token_hex(32))
            path.chmod(0o600)
        except FileExistsError:
            pass
    return path.read_text(encoding='ascii').strip()


#: Read by the export worker (``forum/exports/worker.py``, which inherits the server's environment)
#: with :func:`export_setting`: the range each may take. Checked when the server's settings load
#: too, so that a bad value stops the server at start-up rather than failing every PDF later.
EXPORT_WORKER_SETTINGS = {'FORUM_EXPORT_PROCESSES': (1, 64), 'FORUM_EXPORT_NICE': (0, 19)}


def export_setting(name: str) -> int | None:
    """``name``'s whole number from the environment, None when unset; ValueError when invalid."""
    setting = os.environ.get(name, '').strip()
    if not setting:
        return None
    low, high = EXPORT_WORKER_SETTINGS[name]
    if not setting.isascii() or not setting.isdigit() or not low <= int(setting) <= high:
        raise ValueError(f'{name} must be a whole number from {low} to {high}, not {setting!r}')
    return int(setting)


class Config:
    """Settings for the served application."""

    SECRET_KEY = None  # filled in by load()
    SQLALCHEMY_DATABASE_URI = None
    SQLALCHEMY_ENGINE_OPTIONS: dict = {'pool_pre_ping': True}
    REDIS_URL = None
    #: gevent when served (gunicorn -k gevent); tests use threading, which needs no monkey-patching.
    SOCKETIO_ASYNC_MODE = 'gevent'
    #: Accept permessage-deflate on websockets (off: it costs ~100 KB per connection).
    WEBSOCKET_COMPRESSION = False
    #: Limits of one websocket (docs/realtime.md "Limits: slow and stalled sockets"): packets and
    #: bytes (of text, as held in memory) that may wait in its queue, and seconds a write may
    #: make no progress, before the connection is closed.
    SOCKET_QUEUE_LIMIT = 256
    SOCKET_QUEUE_BYTES = 4 * 1024 * 1024
    SOCKET_SEND_TIMEOUT = 30.0
    #: SO_SNDBUF of a websocket's TCP socket in bytes (0: the kernel's autotuning, up to 4 MB).
    SOCKET_SEND_BUFFER = 0
    #: Engine.IO pings: every ping interval; a client silent for interval + timeout is gone.
    SOCKET_PING_INTERVAL = 25.0
    SOCKET_PING_TIMEOUT = 20.0
    #: Redis pub/sub channel shared by the processes of one installation.
    SOCKETIO_CHANNEL = 'forum'
    BABEL_DEFAULT_LOCALE = 'th'
    BABEL_DEFAULT_TIMEZONE = 'Asia/Bangkok'
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / 'translations')
    LANGUAGES = ('th', 'en')
    MIGRATIONS_DIR = str(ROOT / 'migrations')
    SESSION_COOKIE_SAMESITE = 'Lax'
    SESSION_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = 'Lax'
    WTF_CSRF_TIME_LIMIT = None
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    PASSWORD_MIN_LENGTH = 10
    #: Seconds over which joins and leaves of a commitment room make one presence announcement.
    PRESENCE_INTERVAL = 1.0
    #: With Redis: seconds between a process's presence heartbeats. A process that dies without
    #: cleaning up stops counting after 3 heartbeats; its rooms hear of it within 4 (40 s).
    PRESENCE_HEARTBEAT = 10.0
    #: Comments a person may post per minute.
    COMMENT_RATE_LIMIT = 10
    #: Minutes during which authors may edit their comments.
    COMMENT_EDIT_MINUTES = 15
    #: Seconds an anonymous reader's commitment page is served from memory (0: never), for the
    #: same commitment version and comment sequence; names and labels around it may be this old.
    PAGE_CACHE_SECONDS = 10.0
    #: Where the forum is served (``FORUM_BASE_URL``, e.g. ``https://forum.example.go.th``): the
    #: API builds its absolute URLs from it instead of from the request's Host header.
    BASE_URL = None
    #: ISO country code used in commitment identifiers (TH0001).
    COUNTRY_CODE = 'TH'
    #: Where export jobs keep their files (``FORUM_EXPORTS_DIR``; default ``instance/exports``).
    EXPORTS_DIR = None
    #: Seconds a PDF or DOCX download waits for its file before the browser is shown progress.
    EXPORT_WAIT = 2.0
    #: Throttles, in the ``limits`` notation ("10 per 15 minutes"); see docs/security.md.
    #: Refused logins per account (the email tried), and per client address.
    LOGIN_RATE_LIMIT = '10 per 15 minutes'
    LOGIN_ADDRESS_RATE_LIMIT = '50 per 15 minutes'
    #: Registration attempts per client address.
    REGISTER_RATE_LIMIT = '20 per hour'
    #: Comment edits per person (HTTP and socket together), and ``editing`` toggles per person.
    COMMENT_EDIT_RATE_LIMIT = '20 per minute'
    EDITING_RATE_LIMIT = '30 per minute'
    #: Flask-Limiter: a moving window in memory, or in Redis when FORUM_REDIS_URL is set.
    RATELIMIT_ENABLED = True
    RATELIMIT_STRATEGY = 'moving-window'
    RATELIMIT_STORAGE_URI = 'memory://'
    RATELIMIT_STORAGE_OPTIONS: dict = {}
    #: A Redis outage falls back to counting in this process's memory, never to an error page.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    #: Reverse proxies in front that append to X-Forwarded-For (0: use the connection's address).
    PROXY_COUNT = 0
    #: Days without a request after which a login session ends ("keep me logged in" aside).
    SESSION_IDLE_DAYS = 14.0
    #: How long "keep me logged in" lasts.
    REMEMBER_COOKIE_DURATION = timedelta(days=30)

    @classmethod
    def load(cls) -> dict:
        """Return this class's settings with the environment applied."""
        settings = {k: getattr(cls, k) for k in dir(cls) if k.isupper()}
        settings['SECRET_KEY'] = _secret_key()
        settings['SQLALCHEMY_DATABASE_URI'] = _database_url(
            os.environ.get('FORUM_DATABASE_URL') or f'sqlite:///{instance_path() / "forum.sqlite3"}'
        )
        settings['REDIS_URL'] = os.environ.get('FORUM_REDIS_URL') or None
        settings['BASE_URL'] = _base_url(os.environ.get('FORUM_BASE_URL', ''))
        settings['SOCKETIO_CHANNEL'] = os.environ.get('FORUM_SOCKETIO_CHANNEL', 'forum')
        # TEST ONLY (tests/multiprocess/test_failover.py, forum/realtime/broadcast.py).
        settings['TEST_DIE_AFTER_COMMIT'] = os.environ.get('FORUM_TEST_DIE_AFTER_COMMIT') or None
        if os.environ.get('FORUM_ASYNC_MODE'):
            settings['SOCKETIO_ASYNC_MODE'] = os.environ['FORUM_ASYNC_MODE']
        if os.environ.get('FORUM_SECURE_COOKIES') == '1':
            settings['SESSION_COOKIE_SECURE'] = True
            settings['REMEMBER_COOKIE_SECURE'] = True
        for name in RATE_LIMIT_SETTINGS:
            settings[name] = os.environ.get(f'FORUM_{name}', settings[name])
        if settings['REDIS_URL']:
            settings['RATELIMIT_STORAGE_URI'] = settings['REDIS_URL']
            settings['RATELIMIT_STORAGE_OPTIONS'] = {
                'key_prefix': f'{settings["SOCKETIO_CHANNEL"]}:limits'
            }
        for name, cast in NUMBER_SETTINGS.items():
            if os.environ.get(f'FORUM_{name}'):
                settings[name] = cast(os.environ[f'FORUM_{name}'])
        if os.environ.get('FORUM_WEBSOCKET_COMPRESSION'):
            settings['WEBSOCKET_COMPRESSION'] = os.environ['FORUM_WEBSOCKET_COMPRESSION'] == '1'
        settings['COUNTRY_CODE'] = os.environ.get('FORUM_COUNTRY_CODE') or settings['COUNTRY_CODE']
        settings['EXPORTS_DIR'] = os.environ.get('FORUM_EXPORTS_DIR') or str(
            instance_path() / 'exports'
        )
        settings['PROXY_COUNT'] = int(os.environ.get('FORUM_PROXY_COUNT', '0'))
        for name in EXPORT_WORKER_SETTINGS:
            export_setting(name)
        settings['SESSION_IDLE_DAYS'] = float(os.environ.get('FORUM_SESSION_IDLE_DAYS', '14'))
        if os.environ.get('FORUM_REMEMBER_DAYS'):
            settings['REMEMBER_COOKIE_DURATION'] = timedelta(
                days=float(os.environ['FORUM_REMEMBER_DAYS'])
            )
        return settings


class TestConfig(Config):
    """Settings for the test suite: ``create_app(settings_dict)`` applies the dict on top of these.

    Nothing is read from the environment. The database is in-memory SQLite unless the dict names
    another (the fixtures of ``tests/conftest.py`` give each backend's URL).
    """

    TESTING = True
    SOCKETIO_ASYNC_MODE = 'threading'
    SECRET_KEY = 'test-secret-key'
    #: Announce presence at once, so tests see it without waiting.
    PRESENCE_INTERVAL = 0
    #: Tests read pages right after changing names: no cached pages (tests/pages test the cache).
    PAGE_CACHE_SECONDS = 0.0
    #: Cheap argon2id: the suite hashes hundreds of passwords.
    ARGON2_PARAMS = {'time_cost': 1, 'memory_cost': 1024, 'parallelism': 1}
    #: Throttles far above what any other test does; tests/auth and the throttle tests set their
    #: own small limits in app.config (read at each request).
    LOGIN_RATE_LIMIT = '100 per 15 minutes'
    LOGIN_ADDRESS_RATE_LIMIT = '1000 per 15 minutes'
    REGISTER_RATE_LIMIT = '1000 per hour'
    COMMENT_EDIT_RATE_LIMIT = '1000 per minute'
    EDITING_RATE_LIMIT = '1000 per minute'

    @classmethod
    def load(cls) -> dict:
        """Return the test settings; nothing is read from the environment."""
        settings = {k: getattr(cls, k) for k in dir(cls) if k.isupper()}
        settings['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'
        return settings


def _base_url(url: str) -> str | None:
    """``FORUM_BASE_URL`` without its trailing slash, or None; a malformed one stops start-up."""
    url = url.strip().rstrip('/')
    if not url:
        return None
    parts = urlsplit(url)
    if (
        parts.scheme not in ('http', 'https')
        or not parts.hostname
        or parts.username is not None
        or parts.query
        or parts.fragment
        or not url.isprintable()
    ):
        raise ValueError(
            f'FORUM_BASE_URL must look like https://forum.example.org or '
            f'https://example.org/forum (no user, query or fragment), not {url!r}'
        )
    return url


#: Numeric settings read at start-up from ``FORUM_<name>`` (never at import), with their type.
NUMBER_SETTINGS = {
    'PAGE_CACHE_SECONDS': float,
    'EXPORT_WAIT': float,
    'SOCKET_QUEUE_LIMIT': int,
    'SOCKET_QUEUE_BYTES': int,
    'SOCKET_SEND_TIMEOUT': float,
    'SOCKET_SEND_BUFFER': int,
    'SOCKET_PING_INTERVAL': float,
    'SOCKET_PING_TIMEOUT': float,
    'PRESENCE_HEARTBEAT': float,
    'COMMENT_RATE_LIMIT': int,
}

#: The limit settings, each read from ``FORUM_<name>``; checked at start-up (forum.core.throttle).
RATE_LIMIT_SETTINGS = (
    'LOGIN_RATE_LIMIT',
    'LOGIN_ADDRESS_RATE_LIMIT',
    'REGISTER_RATE_LIMIT',
    'COMMENT_EDIT_RATE_LIMIT',
    'EDITING_RATE_LIMIT',
)


def _database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way."""
    for prefix in ('postgres://', 'postgresql://'):
        if url.startswith(prefix):
            return 'postgresql+psycopg://' + url[len(prefix) :]
    return url
