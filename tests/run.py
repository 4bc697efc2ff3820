"""Run the whole suite on every backend this machine offers (``make test`` calls this).

- PostgreSQL (``FORUM_TEST_DATABASE_URL``, default the local ``test`` database) and Redis
  (``FORUM_TEST_REDIS_URL``) are used when they answer; otherwise their tests are skipped with a
  loud notice. With ``CI=true`` a missing service is an error, not a skip.
- Chromium: Debian's package at /usr/bin/chromium; installed with apt when missing and run as
  root, with poppler-utils (pdftoppm renders exported PDFs). Without Chromium the browser tests
  are skipped (an error in CI).
- pytest's exit code 5 ("no tests ran") counts as failure.
- Two pytest-xdist workers (``FORUM_TEST_WORKERS``; 0 for one process): the real-server tests
  share one worker and take turns; the other worker runs the rest.
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


def main() -> int:
    """Decide the backends, run pytest, and turn "no tests ran" into a failure."""
    ci = os.environ.get('CI', '').lower() in ('1', 'true', 'yes')
    env = dict(os.environ)
    missing = []
    # The slowest tests are listed at the end, so that the suite's time stays in sight.
    args = [sys.executable, '-m', 'pytest', '--durations=15']
    # Two workers: the real-server tests in turn on one, everything else on the other
    # (tests/conftest.py, SERVER_FOLDERS). FORUM_TEST_WORKERS=0 runs in one process.
    workers = env.get('FORUM_TEST_WORKERS', '2')
    if workers != '0':
        args += ['-n', workers, '--dist', 'loadgroup']
    args += sys.argv[1:]

    pg = env.setdefault('FORUM_TEST_DATABASE_URL', DEFAULT_PG)
    if not _postgres_ok(pg):
        env.pop('FORUM_TEST_DATABASE_URL')
        missing.append('PostgreSQL (the suite runs on SQLite only)')
    redis_url = env.setdefault('FORUM_TEST_REDIS_URL', DEFAULT_REDIS)
    if not _redis_ok(redis_url):
        env.pop('FORUM_TEST_REDIS_URL')
        missing.append('Redis (message-queue tests are skipped)')
    if _ensure_chromium():
        env['FORUM_CHROMIUM'] = CHROMIUM
    else:
        missing.append('Chromium (browser tests are skipped)')
        args += ['-m', 'not browser']

    if missing:
        if ci:
            _loud('CI needs every service; missing: ' + '; '.join(missing))
            return 2
        _loud('SKIPPED, not available on this machine: ' + '; '.join(missing))

    code = subprocess.call(args, env=env)
    if code == 5:
        _loud('pytest collected no tests: that is a failure.')
        return 1
    if missing and code == 0:
        _loud('Passed, but without: ' + '; '.join(missing))
    return code


if __name__ == '__main__':
    sys.exit(main())
