"""Run the whole suite on every backend this machine offers (``make test`` calls this).

- PostgreSQL (``FORUM_TEST_DATABASE_URL``, default the local ``test`` database) and Redis
  (``FORUM_TEST_REDIS_URL``) are used when they answer; otherwise their tests are skipped with a
  loud notice. With ``CI=true`` a missing service is an error, not a skip.
- Chromium: Debian's package at /usr/bin/chromium; installed with apt when missing and run as
  root, with poppler-utils (pdftoppm renders exported PDFs). Without Chromium the browser tests
  are skipped (an error in CI).
- pytest's exit code 5 ("no tests ran") counts as failure.
- Two runs: first everything but the ``serial`` tests on two pytest-xdist workers
  (``FORUM_TEST_WORKERS``; 0 for one plain process), the real-server tests taking turns on one of
  them; then the ``serial`` tests (those that judge a server by its timing) alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CHROMIUM = os.environ.get('FORUM_CHROMIUM', '/usr/bin/chromium')
DEFAULT_PG = 'postgresql://postgres@127.0.0.1:5432/test'
DEFAULT_REDIS = 'redis://127.0.0.1:6379/15'


def _loud(message: str) -> None:
    bar = '!' * 78
    print(f'\n{bar}\n!! {message}\n{bar}\n', file=sys.stderr, flush=True)


def _postgres_ok(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(
            url.replace('postgresql+psycopg://', 'postgresql://'), connect_timeout=3
        ):
            return True
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        print(f'PostgreSQL at {url} is not available: {exc}', file=sys.stderr)
        return False


def _redis_ok(url: str) -> bool:
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
        return True
    except Exception as exc:  # noqa: BLE001
        print(f'Redis at {url} is not available: {exc}', file=sys.stderr)
        return False


def _ensure_chromium() -> bool:
    # pdftoppm (poppler-utils) renders the exported PDFs' pages in tests/exports.
    if os.path.exists(CHROMIUM) and shutil.which('pdftoppm'):
        return True
    if os.geteuid() == 0 and shutil.which('apt-get'):
        print('Installing Debian chromium for the browser tests…', flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
        # Another install may hold the dpkg lock: wait for it rather than skip.
        lock = ['-o', 'DPkg::Lock::Timeout=600']
        subprocess.run(['apt-get', *lock, 'update', '-qq'], env=env, check=False)
        subprocess.run(
            [
                'apt-get',
                *lock,
                'install',
                '-y',
                '-qq',
                'chromium',
                'fonts-thai-tlwg-otf',
                'poppler-utils',
            ],  # fmt: skip
            env=env,
            check=False,
        )
    return os.path.exists(CHROMIUM)


def _phases(env: dict[str, str], extra: list[str], skip_browser: bool) -> list[list[str]]:
    """The pytest runs: everything not ``serial`` on two workers, then the ``serial`` tests alone.

    With arguments (a folder, ``-k``…) or ``FORUM_TEST_WORKERS=0``, one plain run of what they ask.
    """
    # The slowest tests are listed at the end, so that the suite's time stays in sight.
    base = [sys.executable, '-m', 'pytest', '--durations=15']
    browser = ['-m', 'not browser'] if skip_browser else []
    workers = env.get('FORUM_TEST_WORKERS', '2')
    if extra or workers == '0':
        return [base + extra + browser]
    # Real-server tests take turns on one worker while the other runs the rest; the tests that
    # judge a server by its timing run afterwards with the machine to themselves
    # (tests/conftest.py: SERVER_FOLDERS, SERIAL_FOLDERS).
    parallel = ['-n', workers, '--dist', 'loadgroup', '-m', 'not serial']
    if skip_browser:
        parallel[-1] = 'not serial and not browser'
    return [base + parallel, base + ['-m', 'serial']]


def main() -> int:
    """Decide the backends, run pytest, and turn "no tests ran" into a failure."""
    ci = os.environ.get('CI', '').lower() in ('1', 'true', 'yes')
    env = dict(os.environ)
    missing = []

    pg = env.setdefault('FORUM_TEST_DATABASE_URL', DEFAULT_PG)
    if not _postgres_ok(pg):
        env.pop('FORUM_TEST_DATABASE_URL')
        missing.append('PostgreSQL (the suite runs on SQLite only)')
    redis_url = env.setdefault('FORUM_TEST_REDIS_URL', DEFAULT_REDIS)
    if not _redis_ok(redis_url):
        env.pop('FORUM_TEST_REDIS_URL')
        missing.append('Redis (message-queue tests are skipped)')
    skip_browser = False
    if _ensure_chromium():
        env['FORUM_CHROMIUM'] = CHROMIUM
    else:
        missing.append('Chromium (browser tests are skipped)')
        skip_browser = True

    if missing:
        if ci:
            _loud('CI needs every service; missing: ' + '; '.join(missing))
            return 2
        _loud('SKIPPED, not available on this machine: ' + '; '.join(missing))

    codes = []
    for args in _phases(env, sys.argv[1:], skip_browser):
        code = subprocess.call(args, env=env)
        if code == 5:
            _loud(f'pytest collected no tests ({" ".join(args[3:])}): that is a failure.')
            code = 1
        codes.append(code)
    code = next((c for c in codes if c), 0)
    if missing and code == 0:
        _loud('Passed, but without: ' + '; '.join(missing))
    return code


if __name__ == '__main__':
    sys.exit(main())
