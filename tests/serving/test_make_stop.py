"""``make stop`` stops the server ``make serve`` (and so ``make run``) started, by its PID only."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.servers import ROOT, ServerError, app_env, free_port, wait_healthy


def _make(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        ['make', '--no-print-directory', *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


def _alive(pid: int) -> bool:
    return subprocess.run(['ps', '-p', str(pid)], capture_output=True, check=False).returncode == 0


@pytest.fixture
def serve_env(tmp_path) -> dict[str, str]:
    """The environment of a `make serve` on its own instance (no shared gunicorn control socket)."""
    env = app_env(tmp_path, f'sqlite:///{tmp_path / "forum.sqlite3"}', secret='make-stop')
    env['GUNICORN_CMD_ARGS'] = '--no-control-socket'
    return env


def test_make_stop_ends_the_server_make_serve_started(tmp_path, serve_env):
    pidfile = tmp_path / 'run' / 'forum.pid'
    port = free_port()
    log = tmp_path / 'serve.log'
    with open(log, 'wb') as out:
        make = subprocess.Popen(
            ['make', '--no-print-directory', 'serve', f'PORT={port}', f'PIDFILE={pidfile}'],
            cwd=ROOT, env=serve_env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        try:
            wait_healthy(f'http://127.0.0.1:{port}/healthz', make, log, timeout=60)
        except ServerError as exc:
            pytest.fail(str(exc), pytrace=False)
        pid = int(pidfile.read_text().strip())
        args = subprocess.run(['ps', '-ww', '-p', str(pid), '-o', 'args='], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
        assert 'gunicorn' in args
        assert f'127.0.0.1:{port}' in args

        stopped = _make('stop', f'PIDFILE={pidfile}', env=serve_env)
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr
        assert f'Stopping the server (PID {pid})' in stopped.stdout
        assert not _alive(pid)
        assert not pidfile.exists()
        assert make.wait(timeout=20) is not None  # `make serve` ends with its server

        again = _make('stop', f'PIDFILE={pidfile}', env=serve_env)
        assert again.returncode == 0
        assert 'No server to stop' in again.stdout
    finally:
        if make.poll() is None:
            make.terminate()
            make.wait(timeout=20)


def test_make_stop_leaves_another_process_with_a_stale_pid_alone(tmp_path, serve_env):
    other = subprocess.Popen(['sleep', '60'])
    try:
        pidfile = Path(tmp_path / 'forum.pid')
        pidfile.write_text(f'{other.pid}\n')
        stopped = _make('stop', f'PIDFILE={pidfile}', env=serve_env)
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr
        assert f'No server with PID {other.pid}: removing the stale' in stopped.stdout
        time.sleep(0.2)
        assert other.poll() is None, 'make stop killed a process that was not its server'
        assert not pidfile.exists()
    finally:
        other.kill()
        other.wait()
