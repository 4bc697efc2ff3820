"""Real servers for the browser, multiprocess and benchmark harnesses: gunicorn + gevent on a port.

Plain functions, no pytest: each harness turns :class:`ServerError` into its own failure.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import socket
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / '.venv' / 'bin'
#: Settings a server under test does not inherit from the caller's environment.
_NOT_INHERITED = ('FORUM_REDIS_URL', 'FORUM_ASYNC_MODE', 'FORUM_SECURE_COOKIES')


class ServerError(Exception):
    """A set-up command failed, or a server did not become healthy."""


def free_ports(count: int) -> list[int]:
    """Return ``count`` different TCP ports on 127.0.0.1 that nothing listens on right now."""
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in socks:
            sock.bind(('127.0.0.1', 0))
        return [sock.getsockname()[1] for sock in socks]


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    return free_ports(1)[0]


def app_env(instance: Path, database_url: str, *, secret: str, **extra: str) -> dict[str, str]:
    """Return the served application's environment: its own database and instance folder."""
    env = dict(os.environ)
    # The server under test is self-contained: no inherited message queue or cookie settings.
    for name in _NOT_INHERITED:
        env.pop(name, None)
    env.update(
        FLASK_APP='wsgi.py',
        FORUM_DATABASE_URL=database_url,
        FORUM_INSTANCE_PATH=str(instance),
        FORUM_SECRET_KEY=secret,
        PYTHONUNBUFFERED='1',
        **extra,
    )
    return env


def flask(args: list[str], env: dict[str, str], *, timeout: float | None = None) -> None:
    """Run ``flask <args>`` from the repository root; raise :class:`ServerError` on failure."""
    cmd = [str(BIN / 'flask'), *args]
    result = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=timeout
    )
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
        raise ServerError(
            f'flask {" ".join(args)} failed:\n{result.stdout}\n{result.stderr}\n'
            f'Importing wsgi:\n{probe.stderr or "ok"}'
        )


def start_gunicorn(
    port: int,
    env: dict[str, str],
    log_path: Path,
    *,
    worker_connections: int = 1000,
    graceful_timeout: int | None = None,
) -> subprocess.Popen:
    """Start one gunicorn + gevent worker on 127.0.0.1:``port``, logging to ``log_path``."""
    args = [str(BIN / 'gunicorn'), '-k', 'gevent', '-w', '1']
    args += ['--worker-connections', str(worker_connections)]
    if graceful_timeout is not None:
        args += ['--graceful-timeout', str(graceful_timeout)]
    # No shared control socket in ~/.gunicorn: other gunicorns may run on the machine.
    args += ['--no-control-socket', '-b', f'127.0.0.1:{port}', 'wsgi:app']
    with open(log_path, 'wb') as out:
        return subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def log_text(log_path: Path) -> str:
    """Return a server's output so far."""
    return log_path.read_text(errors='replace') if log_path.exists() else '(no log)'


def wait_healthy(
    url: str,
    proc: subprocess.Popen,
    log_path: Path,
    timeout: float = 30,
    check: Callable[[dict], bool] | None = None,
) -> None:
    """Wait until ``url`` answers 200 (and ``check(body)``); raise :class:`ServerError` if not."""
    import requests

    deadline = time.monotonic() + timeout
    last = 'no answer'
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            response = requests.get(url, timeout=2)
            last = f'{response.status_code} {response.text.strip()}'
            if response.status_code == 200 and (check is None or check(response.json())):
                return
        except requests.RequestException as exc:
            last = repr(exc)
        time.sleep(0.2)
    state = f'exited with {proc.returncode}' if proc.poll() is not None else 'still running'
    raise ServerError(
        f'{url} not healthy within {timeout} s (server {state}; last answer: {last}).\n'
        f'Server log:\n{log_text(log_path)}'
    )


def stop(*procs: subprocess.Popen, timeout: float = 10) -> None:
    """Stop processes by PID: SIGTERM to all, SIGKILL to any still running after ``timeout``."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


_DEMO_COMMANDS = (['db', 'upgrade'], ['forum', 'setup'], ['forum', 'demo'])


def _code_key() -> str:
    """A digest of what a demo database is made from: the code, the migrations, today's date."""
    digest = hashlib.sha256(date.today().isoformat().encode())
    for folder in ('forum', 'migrations'):
        for path in sorted((ROOT / folder).rglob('*.py')):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def demo_sqlite(target: Path, env: dict[str, str], *, timeout: float = 300) -> None:
    """Write to ``target`` a SQLite database migrated, set up and holding the demo data.

    What ``flask db upgrade``, ``forum setup`` and ``forum demo`` make (about 20 s of starting
    the app three times) is made once per version of the code and copied for each server after.
    ``env`` is the server's environment, used to run the commands the first time.
    """
    cache = Path(tempfile.gettempdir()) / 'forum-test-demo'
    cache.mkdir(exist_ok=True)
    template = cache / f'{_code_key()}.sqlite3'
    with open(cache / 'lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one process builds it; the others wait for it
        if not template.exists():
            building = cache / f'{template.stem}.{os.getpid()}.building'
            partial = cache / f'{template.stem}.{os.getpid()}.partial'
            build_env = dict(env, FORUM_DATABASE_URL=f'sqlite:///{building}')
            try:
                for cmd in _DEMO_COMMANDS:
                    flask(cmd, build_env, timeout=timeout)
                _copy_sqlite(building, partial)
                partial.rename(template)
            finally:
                for leftover in cache.glob(f'{template.stem}.{os.getpid()}.*'):
                    leftover.unlink()
    _copy_sqlite(template, target)


def _copy_sqlite(source: Path, target: Path) -> None:
    """Copy a SQLite database whole (its write-ahead log included) with SQLite's backup."""
    with contextlib.closing(sqlite3.connect(source)) as src:
        with contextlib.closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
